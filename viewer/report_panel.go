package viewer

// reportPanel is the findings panel in the viewer's side panel.
//
// All methods must be called on the Fyne goroutine.
type reportPanel struct {
	v *Viewer
	s *reportSession
}

// setSession binds the panel to s (nil: no report open).
func (p *reportPanel) setSession(s *reportSession) { p.s = s }
