# screenshots.mk - included by the Makefile (-include screenshots/screenshots.mk).
#
#   make screenshots   regenerates screenshots/*.png from the real program
#                      (screenshots/take.sh: xterm on Xvfb, the demo workspace)
#   make deps-shots    installs the Debian packages it needs (not needed by
#                      make check): xvfb xterm tmux imagemagick and the fonts
#   make readme-keys   prints the README's key tables, generated from
#                      src/ui/actions.h (tests/ui/test_readme_keys.sh checks
#                      that the README has exactly these)

SHOTS_PACKAGES := xvfb xterm tmux imagemagick fontconfig fonts-dejavu-core \
                  fonts-droid-fallback fonts-symbola

screenshots: all
	@BUILD=$(BUILD) sh screenshots/take.sh

deps-shots:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	if ! dpkg -s $(SHOTS_PACKAGES) >/dev/null 2>&1; then \
	  $$SUDO apt-get update && $$SUDO apt-get install -y $(SHOTS_PACKAGES); \
	fi

README_KEYS_SRC := tools/readme_keys.c src/ui/actions.c src/ui/keymap.c src/util/utf8.c \
                   src/util/buf.c

$(BUILD)/tools/readme_keys: $(README_KEYS_SRC) src/ui/actions.h src/ui/keymap.h
	@mkdir -p $(@D)
	@$(CC) -std=c11 -Wall -Wextra -Werror -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Isrc \
	  -o $@ $(README_KEYS_SRC)

readme-keys: $(BUILD)/tools/readme_keys
	@$(BUILD)/tools/readme_keys

.PHONY: screenshots deps-shots readme-keys
