package viewer

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/report"
)

// menuShortcut runs the main menu item whose shortcut is sc, as the
// desktop driver does for a shortcut typed on the canvas.
func menuShortcut(t *testing.T, v *Viewer, sc *desktop.CustomShortcut) {
	t.Helper()
	var walk func(items []*fyne.MenuItem) bool
	walk = func(items []*fyne.MenuItem) bool {
		for _, it := range items {
			if c, ok := it.Shortcut.(*desktop.CustomShortcut); ok && c.KeyName == sc.KeyName && c.Modifier == sc.Modifier {
				it.Action()
				return true
			}
			if it.ChildMenu != nil && walk(it.ChildMenu.Items) {
				return true
			}
		}
		return false
	}
	for _, m := range v.mainMenu.Items {
		if walk(m.Items) {
			return
		}
	}
	t.Fatalf("no menu item for %s", sc.ShortcutName())
}

// typeKeys types chars as the desktop driver delivers them: to the
// focused widget, or to the canvas when none has the keyboard.
func typeKeys(c fyne.Canvas, chars string) {
	for _, r := range chars {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else if fn := c.OnTypedRune(); fn != nil {
			fn(r)
		}
	}
}

// pressKey is typeKeys for a key without a character.
func pressKey(c fyne.Canvas, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if fn := c.OnTypedKey(); fn != nil {
		fn(ev)
	}
}

// findButton returns the button under o whose text starts with prefix.
func findButton(o fyne.CanvasObject, prefix string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if strings.HasPrefix(x.Text, prefix) {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := findButton(c, prefix); b != nil {
				return b
			}
		}
		return nil
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(w).Objects() {
			if b := findButton(c, prefix); b != nil {
				return b
			}
		}
	}
	return nil
}

// TestReportPanelKeysStayInPanel is issue 10's keyboard report: Ctrl+R,
// a click on a section's header, Tab and "p" used to reach the images
// (the polygon tool came on) and fill no field. Opening a section now
// puts the keyboard on its first field, typed keys fill the fields and
// never change the image tool, and Esc gives the keyboard back to the
// images.
func TestReportPanelKeysStayInPanel(t *testing.T) {
	v, q, w := newTestViewer(t, 1400, 900)
	openFixtures(t, v, q, hsgFixtures())
	q.settle(t)
	c := w.Canvas()
	menuShortcut(t, v, &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault})
	q.settle(t)
	if !v.rep.PanelShown() {
		t.Fatal("Ctrl+R did not show the report panel")
	}
	head := findButton(v.side, "4  Right tube")
	if head == nil {
		t.Fatal("no header of the right tube's section")
	}
	test.Tap(head)
	q.settle(t)
	if f := c.Focused(); f == nil || f == fyne.Focusable(v.ActivePane().view) {
		t.Fatalf("opening the section left the keyboard on %T", f)
	}
	typeKeys(c, "p") // the status: present
	if v.marks.mode != modeNavigate {
		t.Fatalf("typing in the report panel changed the image tool to %v", v.marks.mode)
	}
	if st := v.Report().Report().Tubes.Right.Status; st != report.TubePresent {
		t.Errorf("the right tube's status is %q after typing p", st)
	}
	// Tab walks the fields: typing fills the next one.
	test.FocusNext(c)
	test.FocusNext(c)
	typeKeys(c, "oc")
	if pat := v.Report().Report().Tubes.Right.Patency; pat != report.Occluded {
		t.Errorf("patency %q after Tab, Tab, oc", pat)
	}
	// Nothing focused (the focus lost by a click on the panel's
	// background): keys still do not reach the image tools.
	c.Unfocus()
	typeKeys(c, "p")
	typeKeys(c, "l")
	if v.marks.mode != modeNavigate || v.layout != Layout1x2 {
		t.Errorf("keys typed with the panel's keyboard reached the images: tool %v, layout %v", v.marks.mode, v.layout)
	}
	// Tab from nowhere (the desktop driver walks the focus from the
	// window's first input, which may be a pane's view): the keys stay
	// with the panel, Tab goes back to its fields.
	c.Focus(v.ActivePane().view)
	typeKeys(c, "p")
	if v.marks.mode != modeNavigate {
		t.Errorf("p on a pane reached by Tab from the panel: tool %v", v.marks.mode)
	}
	pressKey(c, fyne.KeyTab)
	if f := c.Focused(); f == nil || f == fyne.Focusable(v.ActivePane().view) {
		t.Fatalf("Tab left the keyboard on %T", f)
	}
	// Esc gives the keyboard back to the images; then "p" is the polygon.
	pressKey(c, fyne.KeyEscape)
	if f := c.Focused(); f != fyne.Focusable(v.ActivePane().view) {
		t.Fatalf("Esc left the keyboard on %T", f)
	}
	typeKeys(c, "p")
	if v.marks.mode != modePolygon {
		t.Errorf("p on the image: tool %v", v.marks.mode)
	}
	q.settle(t)
}
