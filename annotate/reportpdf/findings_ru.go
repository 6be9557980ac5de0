package reportpdf

import (
	"strings"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"github.com/hsgview/hsgview/l10n"
)

// normalUterus says in one line what is normal about the uterus and the
// cervical canal ("Normal size and position, smooth triangular cavity,
// normal cervical canal"; «Обычных размеров, расположена по средней
// линии; полость треугольной формы с ровными контурами; цервикальный
// канал не изменен»); only what is not normal gets a row of its own. ""
// when nothing is recorded as normal.
func (d *pdfDoc) normalUterus() string {
	r := d.r
	u := r.Uterus
	var normal []string
	switch {
	case u.Size == report.SizeNormal && u.Deviation == report.DeviationMidline:
		normal = append(normal, d.t("normal size and position"))
	case u.Size == report.SizeNormal:
		normal = append(normal, d.t("normal size"))
	case u.Deviation == report.DeviationMidline:
		normal = append(normal, d.t("midline position"))
	}
	switch {
	case u.Contour == report.ContourSmooth && u.Shape == report.ShapeNormalTriangular:
		normal = append(normal, d.t("smooth triangular cavity"))
	case u.Contour == report.ContourSmooth:
		normal = append(normal, d.t("smooth cavity contour"))
	case u.Shape == report.ShapeNormalTriangular:
		normal = append(normal, d.t("normal triangular cavity"))
	}
	if r.Cervix.Canal == report.CanalNormal && strings.TrimSpace(r.Cervix.Text) == "" {
		normal = append(normal, d.t("normal cervical canal"))
	}
	// The Russian parts are clauses with commas of their own («обычных
	// размеров, расположена по средней линии»): semicolons part them.
	sep := ", "
	if d.lang == l10n.RU {
		sep = "; "
	}
	return wording.Capitalize(strings.Join(normal, sep))
}

// bothTubesRU words two tubes that read the same as a Russian sentence
// about both, in the plural: the row «Обе маточные трубы» followed by
// «контрастируются на всем протяжении, проходимы; свободное поступление
// контрастного вещества в брюшную полость; …», which reads on from the
// label. rows are the tube's rows as the table would print them, order
// the rows that have a value; a value without a plural wording here is
// printed as «ключ: значение».
func (d *pdfDoc) bothTubesRU(t *report.Tube, rows map[string]string, order []string) kv {
	var pred, rest []string // what both tubes do; what is found in them
	for _, k := range order {
		v := rows[k]
		var p, o string // a predicate or another clause
		switch k {
		case "Status":
			p = map[report.TubeStatus]string{
				report.TubeSurgicallyAbsent: "удалены",
				report.TubeNotAssessed:      "не оценены",
			}[t.Status]
		case "Opacification":
			p = map[report.Opacification]string{
				report.OpacificationComplete: "контрастируются на всем протяжении",
				report.OpacificationPartial:  "контрастируются частично",
				report.OpacificationNone:     "не контрастируются",
			}[t.Opacification]
		case "Patency":
			p = map[report.Patency]string{
				report.Patent:               "проходимы",
				report.Occluded:             "непроходимы",
				report.PatencyIndeterminate: "проходимость не определена",
				report.PatencyNotAssessed:   "проходимость не оценена",
			}[t.Patency]
		case "Spill":
			o = map[report.Spill]string{
				report.SpillFreePrompt:      "свободное поступление контрастного вещества в брюшную полость",
				report.SpillFreeDelayedOnly: "поступление контрастного вещества в брюшную полость только на отсроченном снимке",
				report.SpillLoculated:       "осумкованное скопление контрастного вещества",
				report.SpillMinimal:         "минимальное поступление контрастного вещества в брюшную полость",
				report.SpillNone:            "поступления контрастного вещества в брюшную полость нет",
				report.SpillNotAssessed:     "поступление контрастного вещества в брюшную полость не оценено",
			}[t.Spill]
		case "Peritubal adhesions":
			o = yesNo(t.PeritubalAdhesionsSuspected, "подозрение на перитубарные спайки", "признаков перитубарных спаек нет")
		case "Hydrosalpinx":
			if h := t.Hydrosalpinx; h.Present != nil {
				o = "гидросальпинкса нет"
				if *h.Present {
					o = "гидросальпинкс с обеих сторон"
					if det := d.hydrosalpinxDetail(h, "/tubes/right"); det != "" {
						o += ", " + det
					}
				}
			}
		case "Salpingitis isthmica nodosa":
			o = yesNo(t.SalpingitisIsthmicaNodosa, "признаки узлового истмического сальпингита", "признаков узлового истмического сальпингита нет")
		case "Tubal spasm":
			o = yesNo(t.TubalSpasmSuspected, "подозрение на спазм маточных труб", "признаков спазма нет")
		case "Notes":
			o = v
		}
		switch {
		case p != "":
			pred = append(pred, p)
		case o != "":
			rest = append(rest, o)
		default:
			rest = append(rest, lowerFirst(d.tc("tube", k))+": "+lowerFirst(v))
		}
	}
	if len(pred) == 0 {
		return kv{d.t("Both tubes"), wording.Capitalize(strings.Join(rest, "; "))}
	}
	return kv{d.t("Both tubes"), strings.Join(append([]string{strings.Join(pred, ", ")}, rest...), "; ")}
}
