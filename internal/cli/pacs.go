package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/dicomweb"
	"github.com/hsgview/hsgview/library"
)

const pacsUsage = `usage: hsgview pacs --server URL|NAME [--user U --password-file F | --token-file F] [--ca F] [--timeout SECONDS] COMMAND
  find [--patient-id X] [--name N] [--accession A] [--date FROM-TO] [--modality RF,XA,DX,CR] [--json]
  get STUDY_UID [--out DIR | --library DIR]
  send FILE|DIR...
--server is a DICOMweb root (e.g. http://127.0.0.1:8042/dicom-web) or the name of a server in the
configuration file (` + "`hsgview pacs servers`" + ` lists them).`

func runPacs(e *env, args []string) int {
	fs := newFlags(e, "pacs")
	server := fs.String("server", "", "DICOMweb root URL, or a configured server's name")
	user := fs.String("user", "", "user for HTTP basic authentication")
	pwFile := fs.String("password-file", "", "file holding the password (mode 0600)")
	tokFile := fs.String("token-file", "", "file holding a bearer token (mode 0600)")
	ca := fs.String("ca", "", "PEM file of extra certificate authorities for https")
	timeout := fs.Int("timeout", 0, "seconds to wait for the server (default 60)")
	if err := fs.Parse(args); err != nil {
		fmt.Fprintln(e.stderr, pacsUsage)
		return ExitUsage
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fmt.Fprintln(e.stderr, pacsUsage)
		return ExitUsage
	}
	if rest[0] == "servers" {
		return pacsServers(e)
	}
	s, err := pacsServer(*server)
	if err != nil {
		e.errorf("pacs: %v", err)
		return ExitUsage
	}
	if *user != "" || *pwFile != "" {
		s.User, s.PasswordFile, s.TokenFile = *user, *pwFile, ""
	}
	if *tokFile != "" {
		s.TokenFile, s.User, s.PasswordFile = *tokFile, "", ""
	}
	if *ca != "" {
		s.CAFile = *ca
	}
	if *timeout > 0 {
		s.TimeoutSeconds = *timeout
	}
	c, err := dicomweb.New(s)
	if err != nil {
		e.errorf("pacs: %v", err)
		return ExitUsage
	}
	defer c.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	switch rest[0] {
	case "find":
		return pacsFind(ctx, e, c, rest[1:])
	case "get":
		return pacsGet(ctx, e, c, rest[1:])
	case "send":
		return pacsSend(ctx, e, c, rest[1:])
	}
	e.errorf("pacs: unknown command %q", rest[0])
	fmt.Fprintln(e.stderr, pacsUsage)
	return ExitUsage
}

// pacsServer returns the settings of --server: a URL, or a configured
// server's name.
func pacsServer(name string) (dicomweb.Server, error) {
	if name == "" {
		return dicomweb.Server{}, errors.New("need --server URL or the name of a configured server")
	}
	if strings.Contains(name, "://") {
		return dicomweb.Server{Name: name, URL: name}, nil
	}
	path, err := dicomweb.ConfigPath()
	if err != nil {
		return dicomweb.Server{}, err
	}
	cfg, err := dicomweb.LoadConfig(path)
	if err != nil {
		return dicomweb.Server{}, err
	}
	if s := cfg.Find(name); s != nil {
		return *s, nil
	}
	return dicomweb.Server{}, fmt.Errorf("no server named %q in %s", name, path)
}

func pacsServers(e *env) int {
	path, err := dicomweb.ConfigPath()
	if err == nil {
		var cfg *dicomweb.Config
		if cfg, err = dicomweb.LoadConfig(path); err == nil {
			fmt.Fprintf(e.stdout, "%s:\n", path)
			for _, s := range cfg.Servers {
				fmt.Fprintf(e.stdout, "  %s\t%s\n", s.Name, s.URL)
			}
			return ExitOK
		}
	}
	e.errorf("pacs: %v", err)
	return ExitPartial
}

func pacsFind(ctx context.Context, e *env, c *dicomweb.Client, args []string) int {
	fs := newFlags(e, "pacs find")
	var q dicomweb.Query
	fs.StringVar(&q.PatientID, "patient-id", "", "patient ID")
	fs.StringVar(&q.PatientName, "name", "", "patient name (DICOM form FAMILY^GIVEN; * and ? are wildcards; a prefix matches)")
	fs.StringVar(&q.AccessionNumber, "accession", "", "accession number")
	date := fs.String("date", "", "study date or range FROM-TO (YYYYMMDD)")
	mods := fs.String("modality", "", "comma-separated modalities, e.g. RF,XA")
	fs.IntVar(&q.Limit, "limit", 100, "most studies to list")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseInterleaved(fs, args)
	if err != nil || len(pos) > 0 {
		fmt.Fprintln(e.stderr, pacsUsage)
		return ExitUsage
	}
	if q.DateFrom, q.DateTo, err = dicomweb.ParseDateRange(*date); err != nil {
		e.errorf("pacs find: %v", err)
		return ExitUsage
	}
	if *mods != "" {
		q.Modalities = strings.Split(*mods, ",")
	}
	res, err := c.SearchStudies(ctx, q)
	if err != nil {
		e.errorf("pacs find: %v", err)
		return ExitPartial
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(res)
		return ExitOK
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tPATIENT\tID\tACCESSION\tMODALITIES\tIMAGES\tREPORT\tSTUDY UID")
	for _, r := range res {
		rep := "-"
		if r.HasReport {
			rep = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", isoDate(r.StudyDate), dicomtext.FormatPersonName(r.PatientName),
			r.PatientID, r.AccessionNumber, strings.Join(r.Modalities, ","), r.Instances, rep, r.StudyInstanceUID)
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "%d studies\n", len(res))
	return ExitOK
}

func isoDate(da string) string {
	if len(da) == 8 {
		return da[:4] + "-" + da[4:6] + "-" + da[6:]
	}
	return da
}

func pacsGet(ctx context.Context, e *env, c *dicomweb.Client, args []string) int {
	fs := newFlags(e, "pacs get")
	out := fs.String("out", "", "folder to retrieve the study into")
	lib := fs.String("library", "", "study library folder to import the study into (copied)")
	quiet := fs.Bool("quiet", false, "no progress lines")
	pos, err := parseInterleaved(fs, args)
	if err != nil || len(pos) != 1 || (*out == "") == (*lib == "") {
		e.errorf("pacs get: need one STUDY_UID and either --out DIR or --library DIR")
		fmt.Fprintln(e.stderr, pacsUsage)
		return ExitUsage
	}
	var l *library.Library
	dir := *out
	if *lib != "" {
		if l, err = library.Open(*lib, nil); err != nil {
			e.errorf("pacs get: %v", err)
			return ExitPartial
		}
		defer l.Close()
		// The study is retrieved into a private folder of the library
		// first: a retrieve that stops is resumed from there by the next
		// "pacs get", and the library imports only complete studies.
		dir = pacsIncomingDir(l.Dir(), pos[0])
	}
	opt := dicomweb.RetrieveOptions{}
	if !*quiet {
		opt.Progress = func(p dicomweb.Progress) {
			fmt.Fprintf(e.stderr, "\r%d/%d instances, %.1f MB", p.Done, p.Total, float64(p.Bytes)/1e6)
		}
	}
	res, err := c.RetrieveStudy(ctx, pos[0], dir, opt)
	if !*quiet {
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		e.errorf("pacs get: %v", err)
		return ExitPartial
	}
	fmt.Fprintf(e.stdout, "%d instances in %s (%d retrieved, %d already present, %.1f MB)\n",
		len(res.Files), res.Dir, res.Retrieved, res.Skipped, float64(res.Bytes)/1e6)
	for ts, n := range res.TransferSyntaxes {
		fmt.Fprintf(e.stdout, "  transfer syntax %s: %d\n", ts, n)
	}
	if l == nil {
		return ExitOK
	}
	imp, err := l.Import(ctx, []string{dir}, library.ImportOptions{Mode: library.ModeCopy})
	if err != nil {
		e.errorf("pacs get: import into the library: %v (the retrieved files stay in %s)", err, dir)
		return ExitPartial
	}
	fmt.Fprintf(e.stdout, "library %s: %d instances added, %d already there\n", l.Dir(), imp.Added, imp.Present)
	kept := 0
	for _, p := range imp.Problems {
		if p.KeptOut {
			kept++
			e.errorf("pacs get: %s: %s", filepath.Base(p.Path), p.Reason)
		}
	}
	if kept > 0 {
		e.errorf("pacs get: %d of %d instances were kept out of the library; the retrieved files stay in %s", kept, len(res.Files), dir)
		return ExitPartial
	}
	if err := os.RemoveAll(dir); err != nil {
		e.errorf("pacs get: %v", err)
	}
	return ExitOK
}

// pacsIncomingDir is the private folder of a library where a study is
// retrieved before it is imported: <library>/incoming/<study UID>. It
// stays after a failed retrieve or import so that the next attempt
// resumes.
func pacsIncomingDir(libDir, studyUID string) string {
	return filepath.Join(libDir, "incoming", studyUID)
}

func pacsSend(ctx context.Context, e *env, c *dicomweb.Client, args []string) int {
	fs := newFlags(e, "pacs send")
	pos, err := parseInterleaved(fs, args)
	if err != nil || len(pos) == 0 {
		e.errorf("pacs send: need FILE...")
		return ExitUsage
	}
	objs, err := dicomweb.ReadObjects(pos)
	if err != nil {
		e.errorf("pacs send: %v", err)
		return ExitUsage
	}
	res, err := c.Store(ctx, "", objs)
	if err != nil {
		e.errorf("pacs send: %v", err)
		return ExitPartial
	}
	for _, o := range res.Outcomes {
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", o.Name, o.SOPInstanceUID, o.Message)
	}
	if len(res.Failed()) > 0 {
		e.errorf("pacs send: %d of %d objects were not stored (HTTP %d)", len(res.Failed()), len(res.Outcomes), res.Status)
		return ExitPartial
	}
	return ExitOK
}
