package library

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// The 2,000-file import benchmarks share one set of files: 100 studies
// of 20 small RF images (2.3 kB each), clones of one dump2dcm file with
// new UIDs. The floors read the same files with cat and sha256sum in
// the same run; docs/benchmarks.md quotes the ratios.
var benchFiles = struct {
	once  sync.Once
	dir   string
	paths []string
}{}

func importFiles(b *testing.B) (string, []string) {
	benchFiles.once.Do(func() {
		d, err := os.MkdirTemp("", "hsgview-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchFiles.dir = d
		benchFiles.paths = makeClones(b, filepath.Join(d, "src"), 2000, 20)
	})
	if benchFiles.dir == "" {
		b.Skip("no benchmark files")
	}
	return filepath.Join(benchFiles.dir, "src"), benchFiles.paths
}

func BenchmarkImport2000(b *testing.B) {
	for _, mode := range []Mode{ModeReference, ModeCopy} {
		b.Run(mode.String(), func(b *testing.B) {
			src, paths := importFiles(b)
			var size int64
			for _, p := range paths {
				st, _ := os.Stat(p)
				size += st.Size()
			}
			b.SetBytes(size)
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				dir := filepath.Join(b.TempDir(), "lib")
				l, err := Open(dir, &Options{NoDraftMigration: true})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				res, err := l.Import(context.Background(), []string{src}, ImportOptions{Mode: mode})
				if err != nil || res.Added != len(paths) {
					b.Fatalf("added %d of %d: %v", res.Added, len(paths), err)
				}
				b.StopTimer()
				l.Close()
				os.RemoveAll(dir)
				b.StartTimer()
			}
		})
	}
}

// BenchmarkImportFloor reads the same 2,000 files: cat and sha256sum
// (one process each) and Go's sha256 in this process.
func BenchmarkImportFloor(b *testing.B) {
	for _, tool := range []string{"cat", "sha256sum"} {
		b.Run(tool, func(b *testing.B) {
			_, paths := importFiles(b)
			if _, err := exec.LookPath(tool); err != nil {
				b.Skip(tool + " not installed")
			}
			for i := 0; i < b.N; i++ {
				cmd := exec.Command(tool, paths...)
				cmd.Stdout = io.Discard
				if err := cmd.Run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("go-sha256", func(b *testing.B) {
		_, paths := importFiles(b)
		for i := 0; i < b.N; i++ {
			for _, p := range paths {
				f, err := os.Open(p)
				if err != nil {
					b.Fatal(err)
				}
				h := sha256.New()
				io.Copy(h, f)
				f.Close()
			}
		}
	})
}

var cyr = []string{"ИВАНОВА", "ПЕТРОВА", "СМИРНОВА", "КУЗНЕЦОВА", "ПОПОВА", "ВАСИЛЬЕВА", "СОКОЛОВА", "МИХАЙЛОВА"}
var lat = []string{"Müller", "Schmidt", "García", "Nováková", "Kowalska", "O'Brien", "Dubois", "Rossi"}
var given = []string{"Мария", "Анна", "Eva", "Zoë", "Ольга", "Lucía", "Hana", "Ёлка"}

// seedStudies adds n studies (n/2 patients) straight into the tables,
// with the keys the import writes, and reports for a third of them.
func seedStudies(tb testing.TB, l *Library, n int) {
	tb.Helper()
	ctx := context.Background()
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	for i := 0; i < n; i++ {
		fam := cyr[i%len(cyr)]
		if i%3 == 0 {
			fam = lat[i%len(lat)]
		}
		name := fmt.Sprintf("%s%d^%s", fam, i/2%97, given[i%len(given)])
		id := fmt.Sprintf("P%06d", i/2)
		var pid int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO patients(patient_id, issuer, name, birth_date, sex) VALUES (?,?,?,?,?)
			ON CONFLICT(patient_id, issuer, name, birth_date, sex) DO UPDATE SET sex = excluded.sex RETURNING id`,
			id, "HOSP", name, fmt.Sprintf("19%02d-%02d-%02d", 70+i%30, 1+i%12, 1+i%28), "F").Scan(&pid); err != nil {
			tb.Fatal(err)
		}
		date := fmt.Sprintf("20%02d-%02d-%02d", 15+i%12, 1+i%12, 1+i%28)
		acc := fmt.Sprintf("A%07d", i)
		nk := Fold(name)
		var dm any
		if i%4 != 0 {
			dm = float64(15 + i%20)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO studies(study_uid, patient_ref, study_date, study_time, accession, description,
			institution, images, frames, cine_runs, delayed_sop, delayed_minutes, name_key, search_key, imported_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			fmt.Sprintf("1.2.826.0.1.3680043.10.1078.5.%d", i), pid, date, date+"T10:00:00Z", acc, "HSG", "Clinic",
			8+i%5, 40+i%50, 1+i%2, fmt.Sprintf("1.2.3.%d", i), dm, nk, nk+" | "+Fold(id)+" | "+Fold(acc), now()); err != nil {
			tb.Fatal(err)
		}
		if i%3 == 1 {
			status := []string{"draft", "final", "amended"}[i%9/3]
			uid := fmt.Sprintf("1.2.826.0.1.3680043.10.1078.5.%d", i)
			if _, err := tx.ExecContext(ctx, `INSERT INTO reports(study_uid, status, author, signed_at, version, updated_at) VALUES (?,?,?,?,?,?)`,
				uid, status, "Dr X", "2026-01-01T00:00:00Z", 1, now()); err != nil {
				tb.Fatal(err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE studies SET report_status = ? WHERE study_uid = ?`, worklistStatus(status), uid); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

var worklistQueries = []struct {
	name string
	q    Query
}{
	{"newest", Query{Sort: SortDate, Desc: true}},
	{"by-name", Query{Sort: SortName}},
	{"by-status", Query{Sort: SortStatus}},
	{"unsigned", Query{Status: StatusUnsigned, Sort: SortDate, Desc: true}},
	{"search-cyrillic", Query{Text: "иванова", Sort: SortDate, Desc: true}},
	{"search-latin", Query{Text: "muller", Sort: SortName}},
	{"date-range", Query{From: "2020-01-01", To: "2021-12-31", Sort: SortDate}},
	{"last-page", Query{Sort: SortName, Offset: 9900}},
}

// BenchmarkWorklist lists, sorts and filters a page of 100 rows of
// libraries of 1,000 and 10,000 studies: time and allocations per page
// should not grow with the library.
func BenchmarkWorklist(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		l := openTemp(b)
		seedStudies(b, l, n)
		for _, wq := range worklistQueries {
			b.Run(fmt.Sprintf("%d/%s", n, wq.name), func(b *testing.B) {
				b.ReportAllocs()
				q := wq.q
				if q.Offset >= n {
					q.Offset = n - 100
				}
				for i := 0; i < b.N; i++ {
					p, err := l.Worklist(context.Background(), q)
					if err != nil || len(p.Rows) == 0 {
						b.Fatalf("%v %v", p, err)
					}
				}
			})
		}
	}
}

// TestWorklist10000 checks the seeded library answers every benchmark
// query correctly (what the benchmark times is right).
func TestWorklist10000(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	l := openTemp(t)
	seedStudies(t, l, 10000)
	ctx := context.Background()
	p, err := l.Worklist(ctx, Query{Text: "иванова", Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for i := 0; i < 10000; i++ {
		if i%3 != 0 && i%len(cyr) == 0 {
			want++
		}
	}
	if p.Total != want || len(p.Rows) != want {
		t.Fatalf("иванова: %d rows, total %d, want %d", len(p.Rows), p.Total, want)
	}
	p, err = l.Worklist(ctx, Query{Status: StatusSigned})
	if err != nil || p.Total != count(t, l, `SELECT COUNT(*) FROM reports WHERE status = 'final'`) || len(p.Rows) != 100 {
		t.Fatalf("signed: %d %v", p.Total, err)
	}
	for i := 1; i < len(p.Rows); i++ {
		if p.Rows[i].StudyDate < p.Rows[i-1].StudyDate {
			t.Fatal("not sorted by date")
		}
	}
}
