# Convenience targets; the scripts do the work (a fresh machine may lack make).
.PHONY: run test build bench package clean

run:
	scripts/run.sh $(ARGS)

test:
	scripts/test.sh

build:
	go build -o bin/hsgview ./cmd/hsgview

bench:
	go test -run='^$$' -bench=. -benchtime=20x ./dicomio/... ./viewer/... ./annotate/...

# fyne reads FyneApp.toml from the main package's folder and rewrites it
# (Build++): package from a copy with the icon path adjusted, then drop it.
package:
	command -v fyne >/dev/null || go install fyne.io/tools/cmd/fyne@v1.7.4
	sed 's#^\(  *Icon = \)"assets/#\1"../../assets/#' FyneApp.toml > cmd/hsgview/FyneApp.toml
	cd cmd/hsgview && PATH="$$PATH:$$(go env GOPATH)/bin" fyne package -os linux --release; rc=$$?; rm -f FyneApp.toml; exit $$rc
	mkdir -p dist && mv cmd/hsgview/*.tar.xz dist/

clean:
	rm -rf bin dist
