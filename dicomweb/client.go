// Package dicomweb is hsgview's DICOMweb client (PS3.18) over net/http:
// QIDO-RS search of studies, WADO-RS retrieve of a study into a folder
// (streamed multipart/related, resumable), and STOW-RS store. It speaks
// to any DICOMweb server; it is tested against a real Orthanc with its
// DICOMweb plugin.
//
// Errors from the server are *HTTPError values whose message is one
// readable line with the HTTP status. Credentials are read from files,
// sent only in the Authorization header, and never appear in errors.
package dicomweb

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// DefaultTimeout bounds a search or store when the server sets none.
const DefaultTimeout = 60 * time.Second

// A Client talks to one DICOMweb server. It is safe for concurrent use.
type Client struct {
	server  Server
	root    string
	http    *http.Client
	auth    string // Authorization header value; never logged
	timeout time.Duration
}

// New makes a client for s, reading its password or token file and CA
// file now.
func New(s Server) (*Client, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	c := &Client{server: s, root: strings.TrimRight(s.URL, "/"), timeout: DefaultTimeout}
	if s.TimeoutSeconds > 0 {
		c.timeout = time.Duration(s.TimeoutSeconds) * time.Second
	}
	switch {
	case s.User != "":
		pw, err := readSecret(s.PasswordFile, "password")
		if err != nil {
			return nil, err
		}
		req, _ := http.NewRequest("GET", "http://x/", nil)
		req.SetBasicAuth(s.User, pw)
		c.auth = req.Header.Get("Authorization")
	case s.TokenFile != "":
		tok, err := readSecret(s.TokenFile, "token")
		if err != nil {
			return nil, err
		}
		c.auth = "Bearer " + tok
	}
	tlsConf := &tls.Config{MinVersion: tls.VersionTLS12}
	if s.CAFile != "" {
		pem, err := os.ReadFile(s.CAFile)
		if err != nil {
			return nil, fmt.Errorf("dicomweb: CA file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("dicomweb: CA file %s holds no PEM certificate", s.CAFile)
		}
		tlsConf.RootCAs = pool
	}
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:       tlsConf,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: c.timeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
	}
	// No Client.Timeout: a retrieve may take long; searches and stores
	// get a context deadline instead.
	c.http = &http.Client{Transport: tr, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("too many redirects")
		}
		// Keep credentials on the same host only.
		if req.URL.Host != via[0].URL.Host {
			req.Header.Del("Authorization")
		}
		return nil
	}}
	return c, nil
}

// Server returns the client's settings.
func (c *Client) Server() Server { return c.server }

// Close releases idle connections.
func (c *Client) Close() { c.http.CloseIdleConnections() }

// An HTTPError is a server's refusal: an HTTP status other than 2xx.
type HTTPError struct {
	Op     string // "search", "retrieve", "store"
	URL    string // without query credentials (none are ever put there)
	Status int
	// Detail is the first line of the server's explanation, if any.
	Detail string
}

func (e *HTTPError) Error() string {
	s := fmt.Sprintf("dicomweb: %s: %s: HTTP %d %s", e.Op, e.URL, e.Status, http.StatusText(e.Status))
	switch e.Status {
	case http.StatusUnauthorized:
		s += " (the server wants a user and password, or a token; check --user/--password-file or --token-file)"
	case http.StatusForbidden:
		s += " (the credentials are not allowed to do this)"
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// httpError reads a failed response into an *HTTPError.
func httpError(op string, resp *http.Response) error {
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	return &HTTPError{Op: op, URL: resp.Request.URL.Redacted(), Status: resp.StatusCode, Detail: errorDetail(b)}
}

// errorDetail makes one line of an error body: Orthanc's JSON "Message"
// and "Details", or the text's first line.
func errorDetail(b []byte) string {
	var j struct{ Message, Details, OrthancError string }
	if json.Unmarshal(b, &j) == nil && (j.Message != "" || j.Details != "") {
		s := j.Message
		if j.Details != "" && j.Details != j.Message {
			s = strings.TrimSpace(s + " – " + j.Details)
		}
		return oneLine(s)
	}
	s := strings.TrimSpace(string(b))
	if strings.HasPrefix(s, "<") { // an HTML error page says nothing useful
		return ""
	}
	return oneLine(s)
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300]) + "…"
	}
	return s
}

// do sends req with the credentials and returns the response of a 2xx
// status; other statuses become *HTTPError.
func (c *Client) do(op string, req *http.Request) (*http.Response, error) {
	resp, err := c.send(op, req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		defer resp.Body.Close()
		return nil, httpError(op, resp)
	}
	return resp, nil
}

// send sends req with the credentials and returns any response.
func (c *Client) send(op string, req *http.Request) (*http.Response, error) {
	if c.auth != "" {
		req.Header.Set("Authorization", c.auth)
	}
	req.Header.Set("User-Agent", "hsgview")
	resp, err := c.http.Do(req)
	if err != nil {
		if ctxErr := req.Context().Err(); ctxErr != nil {
			if errors.Is(ctxErr, context.DeadlineExceeded) {
				return nil, fmt.Errorf("dicomweb: %s: %s: no answer within %v", op, req.URL.Redacted(), c.timeout)
			}
			return nil, fmt.Errorf("dicomweb: %s: %w", op, ctxErr)
		}
		return nil, fmt.Errorf("dicomweb: %s: %s: %w", op, req.URL.Redacted(), unwrapURLError(err))
	}
	return resp, nil
}

// unwrapURLError drops the *url.Error wrapper, whose message repeats the
// method and URL.
func unwrapURLError(err error) error {
	var ue interface{ Unwrap() error }
	if errors.As(err, &ue) {
		if inner := ue.Unwrap(); inner != nil {
			return inner
		}
	}
	return err
}
