package dcmwrite

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/suyashkumar/dicom/pkg/tag"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
)

// GSPSLayer is the graphic layer of the marks.
const GSPSLayer = "HSG_MARKS"

// GSPS returns one Grayscale Softcopy Presentation State (plain GSPS,
// 1.2.840.10008.5.1.4.1.1.11.1) per image that has marks: each mark as
// graphic objects in PIXEL units (POLYLINE, ELLIPSE, CIRCLE, POINT;
// polygons closed by repeating the first point; arrows with a drawn
// head), its label and measurement as a text object anchored at the
// mark, marks on one frame of a cine run limited to that frame, and the
// window of opt.Windows (else the image's own) as the softcopy VOI LUT.
// Images are in report order of their first mark.
func GSPS(r *report.Report, opt Options) ([]Object, error) {
	if err := check(r, &opt); err != nil {
		return nil, err
	}
	st := opt.Study
	v := version(r)
	now := contentTime(r, &opt)
	var order []string
	byImage := map[string][]mark.Annotation{}
	for _, a := range r.Annotations {
		if a.Drawable() != nil {
			continue
		}
		sop := a.Image.SOPInstanceUID
		if _, ok := byImage[sop]; !ok {
			order = append(order, sop)
		}
		byImage[sop] = append(byImage[sop], a)
	}
	var out []Object
	for n, sop := range order {
		ir, err := resolve(st, sop, 0)
		if err != nil {
			return nil, err
		}
		in := ir.in
		obj := Object{Kind: "GSPS", Name: "GSPS_" + sop + ".dcm", SOPClassUID: SOPClassGSPS, Image: sop,
			SOPInstanceUID:    ObjectUID(r.ReportID, v, "gsps", sop),
			SeriesInstanceUID: SeriesUID(r.ReportID, v, "gsps")}
		var d DataSet
		header(&d, st, SOPClassGSPS, obj.SOPInstanceUID, obj.SeriesInstanceUID, "PR", seriesNumberGSPS+v, "HSG marks", now, opt.SoftwareVersion)
		d.Int(tag.InstanceNumber, n+1)
		// General Series: Laterality is 2C (paired body parts); the
		// uterus and both tubes are shown, so it is present and empty.
		d.Str(tag.Laterality, "")
		d.Str(tag.ContentLabel, "HSG_MARKS")
		desc := "hsgview marks"
		if !r.Status.Signed() {
			desc += " (draft report, not verified)"
		}
		d.Str(tag.ContentDescription, desc)
		d.Str(tag.ContentCreatorName, clean(r.Author.Name, 64*5))
		d.Str(tag.PresentationCreationDate, now.Format("20060102"))
		d.Str(tag.PresentationCreationTime, now.Format("150405"))

		// Presentation State Relationship: the whole image.
		var img, se DataSet
		img.Str(tag.ReferencedSOPClassUID, in.SOPClassUID)
		img.Str(tag.ReferencedSOPInstanceUID, sop)
		se.Str(tag.SeriesInstanceUID, in.SeriesInstanceUID)
		se.Seq(tag.ReferencedImageSequence, &img)
		d.Seq(tag.ReferencedSeriesSequence, &se)

		// Displayed Area: the whole image, scaled to fit.
		var da DataSet
		da.Put(tag.DisplayedAreaTopLeftHandCorner, []int{1, 1})
		da.Put(tag.DisplayedAreaBottomRightHandCorner, []int{in.Pixel.Columns, in.Pixel.Rows})
		da.Str(tag.PresentationSizeMode, "SCALE TO FIT")
		da.Put(tag.PresentationPixelAspectRatio, []string{"1", "1"})
		d.Seq(tag.DisplayedAreaSelectionSequence, &da)

		shape := "IDENTITY"
		if in.Pixel.Photometric == "MONOCHROME1" {
			shape = "INVERSE"
		}
		d.Str(tag.PresentationLUTShape, shape)

		var layer DataSet
		layer.Str(tag.GraphicLayer, GSPSLayer)
		layer.Int(tag.GraphicLayerOrder, 1)
		layer.Put(tag.GraphicLayerRecommendedDisplayGrayscaleValue, []int{0xFFFF})
		layer.Str(tag.GraphicLayerDescription, "hsgview marks")
		d.Seq(tag.GraphicLayerSequence, &layer)

		var anns []*DataSet
		for _, a := range byImage[sop] {
			anns = append(anns, annotationItem(a, in))
		}
		d.Seq(tag.GraphicAnnotationSequence, anns...)

		if w, ok := window(in, opt.Windows[sop]); ok {
			var voi DataSet
			voi.Put(tag.WindowCenter, []string{ds(w.Center)})
			voi.Put(tag.WindowWidth, []string{ds(max(w.Width, 1))})
			if w.Function == "LINEAR_EXACT" || w.Function == "SIGMOID" {
				voi.Str(tag.VOILUTFunction, w.Function)
			}
			d.Seq(tag.SoftcopyVOILUTSequence, &voi)
		}
		var buf bytes.Buffer
		if err := d.Write(&buf); err != nil {
			return nil, err
		}
		obj.Data = buf.Bytes()
		out = append(out, obj)
	}
	return out, nil
}

// window returns the window to present: the radiologist's, else the
// image's first.
func window(in *dicomio.Instance, w dicomio.Window) (dicomio.Window, bool) {
	if w.Width > 0 {
		return w, true
	}
	for _, p := range in.Pipeline(max(in.RepresentativeFrame-1, 0)).Presets {
		if p.LUT == nil && p.Width > 0 {
			return p.Window, true
		}
	}
	return dicomio.Window{}, false
}

// annotationItem is the Graphic Annotation Sequence item of one mark.
func annotationItem(a mark.Annotation, in *dicomio.Instance) *DataSet {
	var it DataSet
	it.Str(tag.GraphicLayer, GSPSLayer)
	var img DataSet
	img.Str(tag.ReferencedSOPClassUID, in.SOPClassUID)
	img.Str(tag.ReferencedSOPInstanceUID, in.SOPInstanceUID)
	if a.Image.FrameNumber > 0 && in.Pixel.Frames > 1 {
		img.Put(tag.ReferencedFrameNumber, []string{strconv.Itoa(a.Image.FrameNumber)})
	}
	it.Seq(tag.ReferencedImageSequence, &img)
	gs := graphics(a)
	if len(gs) > 0 {
		it.Seq(tag.GraphicObjectSequence, gs...)
	}
	if txt := labelText(a); txt != "" && len(a.Points) > 0 {
		var t DataSet
		t.Str(tag.UnformattedTextValue, cleanText(txt, 1024))
		anchor := a.Points[0]
		if a.Tool == mark.ToolArrow && len(a.Points) > 1 {
			anchor = a.Points[1] // the label sits at the tail, as hsgview draws it
		}
		t.Put(tag.AnchorPoint, []float64{anchor[0], anchor[1]})
		t.Str(tag.AnchorPointAnnotationUnits, "PIXEL")
		t.Str(tag.AnchorPointVisibility, "N")
		it.Seq(tag.TextObjectSequence, &t)
	}
	return &it
}

// labelText is a mark's label and measurement, one per line.
func labelText(a mark.Annotation) string {
	lines := []string{}
	if s := strings.TrimSpace(a.Label); s != "" {
		lines = append(lines, s)
	}
	lines = append(lines, a.MeasurementText()...)
	return strings.Join(slices.Compact(lines), "\n")
}

// graphic builds one graphic object in PIXEL units.
func graphic(kind string, pts [][2]float64, filled bool) *DataSet {
	var g DataSet
	g.Str(tag.GraphicAnnotationUnits, "PIXEL")
	g.Put(tag.GraphicDimensions, []int{2})
	g.Put(tag.NumberOfGraphicPoints, []int{len(pts)})
	var fl []float64
	for _, p := range pts {
		fl = append(fl, p[0], p[1])
	}
	g.Put(tag.GraphicData, fl)
	g.Str(tag.GraphicType, kind)
	if kind != "POINT" && kind != "POLYLINE" || (kind == "POLYLINE" && len(pts) > 2 && pts[0] == pts[len(pts)-1]) {
		g.Str(tag.GraphicFilled, map[bool]string{true: "Y", false: "N"}[filled])
	}
	return &g
}

// graphics returns the graphic objects of a mark.
func graphics(a mark.Annotation) []*DataSet {
	ps := a.Points
	switch {
	case a.Tool == mark.ToolText:
		return nil
	case a.Tool == mark.ToolArrow && len(ps) == 2:
		head, tail := ps[0], ps[1]
		out := []*DataSet{graphic("POLYLINE", [][2]float64{tail, head}, false)}
		dx, dy := head[0]-tail[0], head[1]-tail[1]
		if l := math.Hypot(dx, dy); l > 0 {
			ux, uy := dx/l, dy/l
			hl := math.Min(12, 0.6*l)
			hw := hl * 0.4
			b := [2]float64{head[0] - ux*hl, head[1] - uy*hl}
			out = append(out, graphic("POLYLINE", [][2]float64{
				{b[0] - uy*hw, b[1] + ux*hw}, head, {b[0] + uy*hw, b[1] - ux*hw}}, false))
		}
		return out
	case a.GraphicType == mark.GraphicEllipse && len(ps) == 4:
		return []*DataSet{graphic("ELLIPSE", ps, false)}
	case a.GraphicType == mark.GraphicCircle && len(ps) == 2:
		return []*DataSet{graphic("CIRCLE", ps, false)}
	case a.GraphicType == mark.GraphicPoint || a.GraphicType == mark.GraphicMultipoint:
		var out []*DataSet
		for _, p := range ps {
			out = append(out, graphic("POINT", [][2]float64{p}, false))
		}
		return out
	case len(ps) >= 2:
		pts := slices.Clone(ps)
		if (a.Tool == mark.ToolPolygon || a.Tool == mark.ToolFreehand) && pts[0] != pts[len(pts)-1] {
			pts = append(pts, pts[0]) // GSPS has no POLYGON: close the POLYLINE
		}
		return []*DataSet{graphic("POLYLINE", pts, false)}
	}
	return nil
}
