// Package drafts is the store of report drafts on disk: one file per
// study under a private folder (0700, files 0600), written atomically
// with a backup of the previous state, the signed versions kept beside
// it, so that nothing the radiologist entered is lost and a signed
// version is never overwritten ([Store], [Draft]).
package drafts
