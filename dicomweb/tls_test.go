package dicomweb

import (
	"context"
	"encoding/pem"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCustomCA reaches the real Orthanc through an https front end whose
// certificate only the given CA file vouches for.
func TestCustomCA(t *testing.T) {
	s := testServer(t)
	target, _ := url.Parse(srv.URL)
	front := httptest.NewTLSServer(httputil.NewSingleHostReverseProxy(target))
	defer front.Close()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: front.Certificate().Raw}), 0o600)
	s.URL = front.URL + "/dicom-web"

	c, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SearchStudies(context.Background(), Query{})
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("without the CA file: %v", err)
	}
	s.CAFile = ca
	if c, err = New(s); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SearchStudies(context.Background(), Query{}); err != nil {
		t.Fatal(err)
	}
}
