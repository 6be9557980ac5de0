package pacsui

import (
	"github.com/hsgview/hsgview/dicomweb"
	"github.com/hsgview/hsgview/viewer/ui"
)

// bridge is the package's end of the window's one goroutine → UI bridge
// ([ui.Bridge]): every hop from a background goroutine to the widgets is
// one of its methods, in this file. The closures only assign results and
// refresh.
type bridge struct{ *ui.Bridge }

// configLoaded delivers the server configuration, read in the background.
func (b bridge) configLoaded(p *Panel, path string, cfg *dicomweb.Config, err error) {
	b.Post(func() { p.configLoaded(path, cfg, err) })
}

// configSaved delivers the result of saving the server configuration.
func (b bridge) configSaved(f *serverForm, cfg *dicomweb.Config, err error) {
	b.Post(func() { f.saved(cfg, err) })
}

// searched delivers the studies a search found.
func (b bridge) searched(p *Panel, gen int, res []dicomweb.StudyResult, err error) {
	b.Post(func() { p.searched(gen, res, err) })
}

// progress shows a retrieve's or an import's advance. It is not a job of
// its own: the retrieve's final delivery follows it.
func (b bridge) progress(p *Panel, job *retrieveJob, pr jobProgress) {
	b.Do(func() { p.showProgress(job, pr) })
}

// retrieved delivers the end of a retrieve (and import).
func (b bridge) retrieved(p *Panel, job *retrieveJob, res retrieveResult) {
	b.Post(func() { p.retrieveDone(job, res) })
}

// sendPrepared delivers the objects of a report, made in the background.
func (b bridge) sendPrepared(d *sendDialog, objs []sendObject, err error) {
	b.Post(func() { d.prepared(objs, err) })
}

// sendConfig delivers the server configuration to the send dialog.
func (b bridge) sendConfig(d *sendDialog, path string, cfg *dicomweb.Config, err error) {
	b.Post(func() { d.configLoaded(path, cfg, err) })
}

// stored delivers the server's answer to a store.
func (b bridge) stored(d *sendDialog, res *dicomweb.StoreResult, err error) {
	b.Post(func() { d.stored(res, err) })
}
