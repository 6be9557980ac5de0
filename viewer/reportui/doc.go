// Package reportui is the structured report's user interface in the study
// window: the findings panel beside the image panes and what it is built
// from.
//
//   - controller.go: Controller, the window's side of the report (open and
//     close a study's draft, show the panel, the Report menu and the File
//     menu's report items), and Host, what it needs from the window.
//   - session.go: Session, the report draft of the study shown: opened in
//     the background (seeded from report-draft.json, prefilled from
//     DICOM), edited on the UI's copy, every change saved in order by a
//     worker goroutine.
//   - panel.go, sections.go: the panel, its sections and issue list.
//   - form.go, widgets.go, layouts.go: binding report fields to inputs,
//     the keyboard-first inputs (type-ahead choice, text, check box) and
//     the form's layouts.
//   - impression.go, keyimages.go: the impression editor; the key-image
//     checklist, evidence links and measurements taken from marks.
//   - export.go: the PDF (and Encapsulated PDF) export, signing,
//     amending, versions and report settings dialogs.
//   - trust.go: the problems shown (the draft checked against the
//     study's images, then the rules), what blocks signing and export,
//     the identity banner and the audited re-link of a draft.
//   - keyboard.go: the keyboard stays in the panel while it is used
//     there (opening a section focuses its first field; Esc gives it
//     back to the images).
//   - recommendations.go, urgent.go: the editable recommendations and
//     the urgent communication of a complication.
//   - bridge.go: the package's goroutine → UI hops, all through the
//     window's one ui.Bridge.
//
// It does not import package viewer: the window gives it the image shown,
// the selected mark, dialogs and the status bar through Host.
package reportui
