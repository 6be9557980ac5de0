package reportui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/i18n"
)

// checklistKeys are the key-image roles set by Ctrl+Shift+1 … 6, in the
// order of the RCR checklist.
var checklistKeys = []struct {
	role report.KeyImageRole
	help string
}{
	{report.RoleEarlyFilling, i18n.K("early uterine filling")},
	{report.RoleFullDistension, i18n.K("late uterine / early tubal filling")},
	{report.RoleTubalFillingRight, i18n.K("late tubal filling, right")},
	{report.RoleTubalFillingLeft, i18n.K("late tubal filling, left")},
	{report.RoleSpill, i18n.K("free spill")},
	{report.RoleDelayed, i18n.K("delayed image")},
}

// Menu is the Report menu of the window's main menu.
func (c *Controller) Menu() *fyne.Menu {
	item := func(label string, sc fyne.Shortcut, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		it.Shortcut = sc
		return it
	}
	ctrl := fyne.KeyModifierShortcutDefault
	items := []*fyne.MenuItem{
		item(lang.L("Show / hide report panel"), &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: ctrl}, c.TogglePanel),
		fyne.NewMenuItemSeparator(),
	}
	for i, d := range sectionDefs {
		items = append(items, item(lang.L(d.title), &desktop.CustomShortcut{KeyName: fyne.KeyName(strconv.Itoa(i + 1)), Modifier: ctrl},
			func() { c.JumpToSection(d.id) }))
	}
	roles := fyne.NewMenuItem(lang.L("Set key image from active pane"), nil)
	var sub []*fyne.MenuItem
	for i, k := range checklistKeys {
		sub = append(sub, item(capitalized(lang.L(k.help)), &desktop.CustomShortcut{KeyName: fyne.KeyName(strconv.Itoa(i + 1)), Modifier: ctrl | fyne.KeyModifierShift},
			func() { c.setKeyImageFromPane(k.role) }))
	}
	roles.ChildMenu = fyne.NewMenu("", sub...)
	link := fyne.NewMenuItem(lang.L("Link active pane frame to"), nil)
	var links []*fyne.MenuItem
	for _, t := range evidenceTargets {
		links = append(links, fyne.NewMenuItem(lang.L(t.label), func() { c.linkPaneFrame(t.path) }))
	}
	link.ChildMenu = fyne.NewMenu("", links...)
	items = append(items, fyne.NewMenuItemSeparator(), roles, link,
		fyne.NewMenuItemSeparator(),
		item(lang.L("Sign report…"), nil, c.signReportDialog),
		item(lang.L("Amend report…"), nil, c.amendReportDialog),
		item(lang.L("Versions…"), nil, c.showReportVersions),
		item(lang.L("Report language…"), nil, c.reportLanguageDialog),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Report settings…"), nil, c.reportSettingsDialog),
		item(lang.L("Dose settings…"), nil, c.doseSettingsDialog),
	)
	return fyne.NewMenu(lang.L("Report"), items...)
}

// FileItems are the report's items of the window's File menu.
func (c *Controller) FileItems() []*fyne.MenuItem {
	exp := fyne.NewMenuItem(lang.L("Export PDF report…"), c.exportPDFDialog)
	exp.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}
	return []*fyne.MenuItem{fyne.NewMenuItemSeparator(), exp, fyne.NewMenuItem(lang.L("Send to PACS…"), c.sendToPACSDialog), fyne.NewMenuItem(lang.L("Report settings…"), c.reportSettingsDialog)}
}

// Shortcuts are the report's keys, for the window's help (catalogue
// keys: the help translates them).
var Shortcuts = [][2]string{
	{"Ctrl+R", i18n.K("show / hide the report panel")},
	{"Ctrl+1 … 9", i18n.K("report panel: jump to a section (clinical … impression)")},
	{"Ctrl+Shift+1 … 6", i18n.K("key image from the active pane: early filling, late uterine, late tubal R, L, spill, delayed")},
	{"Ctrl+P", i18n.K("export the PDF report")},
	{"Tab / Shift+Tab", i18n.K("report panel: next / previous field")},
	{i18n.K("Letters, Delete"), i18n.K("report panel, in a choice: choose by the first letters typed; Delete clears it")},
	{"Esc", i18n.K("report panel: back to the image")},
}

// reportLanguageDialog chooses the language the report is written in,
// whatever the interface speaks: the impression and recommendations
// nobody edited are written again in it (drafts.Draft.SetLanguage), and
// an edited sentence is kept as written and named for review.
func (c *Controller) reportLanguageDialog() {
	s := c.session
	if s == nil {
		return
	}
	if s.Signed() {
		c.showError(errors.New(lang.L("A signed report keeps its language: amend it first.")))
		return
	}
	codes := l10n.Supported()
	names := make([]string, len(codes))
	for i, code := range codes {
		names[i] = l10n.Name(code)
	}
	choice := widget.NewRadioGroup(names, nil)
	choice.SetSelected(l10n.Name(s.Report().Lang()))
	c.showDialog(dialog.NewCustomConfirm(lang.L("Report language"), lang.L("Apply"), lang.L("Cancel"), choice, func(ok bool) {
		if code := codes[max(0, slices.Index(names, choice.Selected))]; ok && code != s.Report().Lang() {
			c.setReportLanguage(code, nil)
		}
	}, c.win()))
}

// setReportLanguage writes the report in code ("en", "ru") and says what
// became of edited sentences; done, if not nil, gets the outcome.
func (c *Controller) setReportLanguage(code string, done func(error)) {
	var stale []assess.StaleItem
	c.session.run("language", func(d *drafts.Draft) (err error) { stale, err = d.SetLanguage(code); return err }, func(err error) {
		switch {
		case err != nil:
			c.showError(err)
		case len(stale) > 0:
			c.notify(fmt.Sprintf(lang.L("The report is now written in %s; %d edited impression sentences were kept as written: check them."), l10n.Name(code), len(stale)))
		default:
			c.notify(fmt.Sprintf(lang.L("The report is now written in %s."), l10n.Name(code)))
		}
		if done != nil {
			done(err)
		}
	})
}
