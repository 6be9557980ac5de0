# Convenience targets; the scripts do the work (a fresh machine may lack make).
.PHONY: run test build bench package package-fyne package-deb test-deb notices clean

# Version and commit go into package main, so these flags do not depend
# on the module path.
VERSION := $(shell sed -n 's/^ *Version *= *"\([^"]*\)".*/\1/p' FyneApp.toml | head -1)
COMMIT := $(shell git rev-parse HEAD 2>/dev/null || echo unknown)

run:
	scripts/run.sh $(ARGS)

test:
	scripts/test.sh

build:
	go build -ldflags "-X main.version=$(VERSION) -X main.commit=$(COMMIT)" -o bin/hsgview ./cmd/hsgview

bench:
	go test -run='^$$' -bench=. -benchtime=20x ./dicomio/... ./viewer/... ./annotate/...

# Both packages: the Debian package and the Fyne tarball, in dist/.
package: package-deb package-fyne

# dist/hsgview_VERSION_ARCH.deb (see packaging/README.md).
package-deb:
	scripts/package-deb.sh

# dist/hsgview.tar.xz from fyne package, run from cmd/hsgview with the
# top-level FyneApp.toml (the bridge: fyne reads it from the main
# package's folder).
package-fyne:
	scripts/package-fyne.sh

# Builds the .deb, validates it, installs it with apt, starts it under
# Xvfb and removes it again (root; about 3 minutes).
test-deb:
	scripts/test-deb.sh

# Rewrites THIRD_PARTY_NOTICES after a dependency change.
notices:
	go run ./packaging/notices

clean:
	rm -rf bin dist build
