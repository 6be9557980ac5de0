package dicomtext

import (
	"strconv"
	"strings"
	"time"
)

// parseDA parses a DICOM date (YYYYMMDD, or the ACR-NEMA YYYY.MM.DD).
func parseDA(s string) (y, m, d int, ok bool) {
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, ".", "")
	s = strings.ReplaceAll(s, "-", "")
	if len(s) != 8 {
		return 0, 0, 0, false
	}
	y, e1 := strconv.Atoi(s[:4])
	m, e2 := strconv.Atoi(s[4:6])
	d, e3 := strconv.Atoi(s[6:8])
	if e1 != nil || e2 != nil || e3 != nil || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// parseTM parses a DICOM time HH[MM[SS[.F{1,6}]]] (also HH:MM:SS) into a
// duration since midnight.
func ParseTM(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, ":", "")
	if s == "" {
		return 0, false
	}
	frac := ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s, frac = s[:i], s[i+1:]
	}
	if len(s) < 2 || len(s)%2 != 0 || len(s) > 6 {
		return 0, false
	}
	var parts [3]int
	for i := 0; i < len(s)/2; i++ {
		v, err := strconv.Atoi(s[2*i : 2*i+2])
		if err != nil {
			return 0, false
		}
		parts[i] = v
	}
	if parts[0] > 23 || parts[1] > 59 || parts[2] > 60 {
		return 0, false
	}
	d := time.Duration(parts[0])*time.Hour + time.Duration(parts[1])*time.Minute + time.Duration(parts[2])*time.Second
	if frac != "" {
		if len(frac) > 9 {
			frac = frac[:9]
		}
		f, err := strconv.Atoi(frac)
		if err != nil || f < 0 {
			return 0, false
		}
		for k := len(frac); k < 9; k++ {
			f *= 10
		}
		d += time.Duration(f)
	}
	return d, true
}

// parseOffset parses a UTC offset "&ZZXX" (e.g. "+0100", "-0530").
func ParseOffset(s string) (*time.Location, bool) {
	if len(s) != 5 || (s[0] != '+' && s[0] != '-') {
		return nil, false
	}
	h, e1 := strconv.Atoi(s[1:3])
	m, e2 := strconv.Atoi(s[3:5])
	if e1 != nil || e2 != nil || h > 14 || m > 59 {
		return nil, false
	}
	sec := h*3600 + m*60
	if s[0] == '-' {
		sec = -sec
	}
	return time.FixedZone(s, sec), true
}

// combine joins a DA and a TM value. A time without a date is not a point
// in time, so both must parse. loc is the time zone (UTC when unknown).
func Combine(da, tm string, loc *time.Location) (time.Time, bool) {
	y, m, d, ok := parseDA(da)
	if !ok {
		return time.Time{}, false
	}
	t, ok := ParseTM(tm)
	if !ok {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc).Add(t), true
}

// parseDT parses a DICOM date-time YYYY[MM[DD[HH[MM[SS[.F]]]]]][&ZZXX].
// Only values with at least a full date and hour are accepted as a point
// in time for ordering; loc applies when no offset is given.
func ParseDT(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "+-"); i >= 0 {
		if l, ok := ParseOffset(s[i:]); ok {
			loc = l
		} else {
			return time.Time{}, false
		}
		s = s[:i]
	}
	if len(s) < 10 {
		return time.Time{}, false
	}
	return Combine(s[:8], s[8:], loc)
}

// formatDA turns YYYYMMDD into YYYY-MM-DD, or "" when it does not parse.
func FormatDA(s string) string {
	y, m, d, ok := parseDA(s)
	if !ok {
		return ""
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}
