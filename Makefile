# Everything runs from .venv, which these targets create and fill on a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PACKAGES := -e shared -e services/intake -e services/matching -e services/timesheets -e services/notifications
STAMP := $(VENV)/.installed

export PEERCOACH_DATA_DIR ?= $(CURDIR)/var

.PHONY: install run test test-compose bench clean

install: $(STAMP) node_modules/.installed

# axe-core (package.json), which the page tests load into Chromium.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

$(STAMP): requirements.txt requirements-dev.txt shared/pyproject.toml services/*/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps $(PACKAGES)
	touch $(STAMP)

# The broker users (one per service, see `peercoach broker setup`) are created with rabbitmqctl,
# so the broker must run on this machine; their URLs go to var/broker.env.
run: install
	$(BIN)/peercoach secret $(PEERCOACH_DATA_DIR)/jwt-secret
	$(BIN)/peercoach broker setup --env-file $(PEERCOACH_DATA_DIR)/broker.env
	$(BIN)/peercoach migrate all
	$(BIN)/python -m matching.demo
	set -a && . $(PEERCOACH_DATA_DIR)/broker.env && set +a && \
	PEERCOACH_JWT_SECRET="$${PEERCOACH_JWT_SECRET:-$$(cat $(PEERCOACH_DATA_DIR)/jwt-secret)}" \
		OIDC_ISSUER="$${OIDC_ISSUER:-http://localhost:$${DEV_IDP_PORT:-9400}}" \
		OIDC_CLIENT_ID="$${OIDC_CLIENT_ID:-peercoach-dev}" OIDC_CLIENT_SECRET="$${OIDC_CLIENT_SECRET:-dev-secret}" \
		PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile

test: install
	$(BIN)/pytest

# The compose stack built and brought up for real (the `compose` marker, which `make test` leaves out).
test-compose: install
	$(BIN)/pytest -m compose tests/compose

bench: install
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var node_modules
