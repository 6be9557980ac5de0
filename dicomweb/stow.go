package dicomweb

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"time"

	"github.com/hsgview/hsgview/dicomio"
)

// An Object is one Part 10 file to store.
type Object struct {
	Name string // for messages: a file name or "SR", "KOS" …
	Data []byte // the whole Part 10 file, preamble included
}

// StoreOutcome is the server's answer for one object.
type StoreOutcome struct {
	Name           string `json:"name"`
	SOPClassUID    string `json:"sopClassUID"`
	SOPInstanceUID string `json:"sopInstanceUID"`
	Stored         bool   `json:"stored"`
	// FailureReason is the DICOM failure code (0008,1197) when not
	// stored, e.g. 0xC000 (cannot understand), 0x0110 (processing
	// failure), 0xA700 (out of resources).
	FailureReason int `json:"failureReason,omitempty"`
	// Message is one line for the user.
	Message string `json:"message"`
}

// StoreResult is a STOW-RS answer.
type StoreResult struct {
	Status   int            `json:"status"` // HTTP status: 200, or 202 when some failed
	Outcomes []StoreOutcome `json:"outcomes"`
}

// Failed returns the outcomes of the objects not stored.
func (r *StoreResult) Failed() []StoreOutcome {
	var out []StoreOutcome
	for _, o := range r.Outcomes {
		if !o.Stored {
			out = append(out, o)
		}
	}
	return out
}

// ReadObjects reads files to store; a folder adds its files (not
// recursively), sorted by name.
func ReadObjects(paths []string) ([]Object, error) {
	var out []Object
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("dicomweb: %w", err)
		}
		files := []string{p}
		if st.IsDir() {
			files, _ = filepath.Glob(filepath.Join(p, "*"))
		}
		for _, f := range files {
			if fi, err := os.Stat(f); err != nil || fi.IsDir() {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("dicomweb: %w", err)
			}
			out = append(out, Object{Name: f, Data: b})
		}
	}
	return out, nil
}

// Store sends objects with one STOW-RS request to /studies (or
// /studies/{studyUID} when studyUID is set, and then the server refuses
// instances of other studies). The body is sent with a Content-Length.
// Each object's SOP Instance UID is read before sending, so that a
// refused object is named even when the server lists it without one.
func (c *Client) Store(ctx context.Context, studyUID string, objs []Object) (*StoreResult, error) {
	if len(objs) == 0 {
		return nil, fmt.Errorf("dicomweb: store: nothing to send")
	}
	if studyUID != "" && !validUID(studyUID) {
		return nil, fmt.Errorf("dicomweb: %q is not a Study Instance UID", studyUID)
	}
	res := &StoreResult{}
	bySOP := map[string]int{}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, o := range objs {
		in, err := dicomio.OpenBytes(o.Name, o.Data)
		if err != nil {
			return nil, fmt.Errorf("dicomweb: store: %s is not a DICOM file: %v", o.Name, err)
		}
		bySOP[in.SOPInstanceUID] = len(res.Outcomes)
		res.Outcomes = append(res.Outcomes, StoreOutcome{Name: o.Name, SOPClassUID: in.SOPClassUID, SOPInstanceUID: in.SOPInstanceUID})
		w, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"application/dicom"}})
		if err != nil {
			return nil, err
		}
		w.Write(o.Data)
	}
	mw.Close()
	ctx, cancel := context.WithTimeout(ctx, c.timeout+time.Duration(body.Len()>>20)*time.Second)
	defer cancel()
	path := "/studies"
	if studyUID != "" {
		path += "/" + studyUID
	}
	req, err := http.NewRequestWithContext(ctx, "POST", c.root+path, bytes.NewReader(body.Bytes()))
	if err != nil {
		return nil, fmt.Errorf("dicomweb: store: %w", err)
	}
	req.ContentLength = int64(body.Len())
	req.Header.Set("Content-Type", `multipart/related; type="application/dicom"; boundary=`+mw.Boundary())
	req.Header.Set("Accept", "application/dicom+json")
	resp, err := c.send("store", req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	res.Status = resp.StatusCode
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("dicomweb: store: reading the answer: %w", err)
	}
	var d jsonDataset
	ok := resp.StatusCode >= 200 && resp.StatusCode <= 299
	if len(bytes.TrimSpace(b)) > 0 {
		err := json.Unmarshal(b, &d)
		switch {
		case err == nil && !ok && d["00081198"].VR == "" && d["00081199"].VR == "":
			// An error status without a store answer.
			return nil, &HTTPError{Op: "store", URL: req.URL.Redacted(), Status: resp.StatusCode, Detail: errorDetail(b)}
		case err != nil && ok:
			return nil, fmt.Errorf("dicomweb: store: %s: HTTP %d, but the answer is not DICOM JSON: %v", req.URL.Redacted(), resp.StatusCode, err)
		case err != nil:
			return nil, &HTTPError{Op: "store", URL: req.URL.Redacted(), Status: resp.StatusCode, Detail: errorDetail(b)}
		}
	} else if !ok {
		return nil, &HTTPError{Op: "store", URL: req.URL.Redacted(), Status: resp.StatusCode}
	}
	// 4xx with a store answer (Orthanc: 409 when a part belongs to
	// another study, 400 when one cannot be read): the answer says which.
	seen := map[int]bool{}
	for _, it := range d.seq("00081199") {
		if i, ok := bySOP[it.str("00081155")]; ok {
			res.Outcomes[i].Stored = true
			res.Outcomes[i].Message = "stored"
			if w := it.int("00081196"); w != 0 {
				res.Outcomes[i].Message = fmt.Sprintf("stored with warning 0x%04X", w)
			}
			seen[i] = true
		}
	}
	for _, it := range d.seq("00081198") {
		if i, ok := bySOP[it.str("00081155")]; ok {
			reason := it.int("00081197")
			res.Outcomes[i].FailureReason = reason
			res.Outcomes[i].Message = fmt.Sprintf("refused by the server: %s", failureText(reason))
			seen[i] = true
		}
	}
	for i := range res.Outcomes {
		if !seen[i] {
			res.Outcomes[i].Message = fmt.Sprintf("not confirmed by the server (HTTP %d %s)", resp.StatusCode, http.StatusText(resp.StatusCode))
		}
	}
	return res, nil
}

// failureText names a STOW-RS failure reason (PS3.18 Table I.2-1, PS3.4 B.2.3).
func failureText(code int) string {
	name := map[int]string{
		0x0110: "processing failure",
		0x0122: "SOP class not supported",
		0xA700: "out of resources",
		0xA900: "data set does not match SOP class",
		0xC000: "cannot understand",
		0xC122: "referenced transfer syntax not supported",
	}[code]
	if name == "" {
		name = "failure"
	}
	return fmt.Sprintf("%s (0x%04X)", name, code)
}
