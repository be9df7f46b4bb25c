# Two commands on a fresh machine: `make run` starts the bot, `make test` runs the checks.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test bench lint constraints

# Installed from constraints.txt: the versions the tests last passed with (README: Upkeep).
$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	$(VENV)/bin/wijkbot kb check  # the content and its matcher kept ready for the first start
	touch $@

run: $(VENV)/.installed
	$(VENV)/bin/wijkbot run

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy bot

# With bytecode written (whatever PYTHONDONTWRITEBYTECODE says), the bot's own modules are
# compiled once, not again in each of the many processes the tests start (about 0.7 s each).
test: lint
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test,bench]'
	$(PY) bench/matcher.py --questions bench/questions_d.yaml bench/questions_c.yaml bench/questions_e.yaml bench/questions_f.yaml \
		bench/questions_g.yaml bench/questions_h.yaml \
		../shared/eval/dev_questions.yaml bench/questions_a.yaml bench/questions_b.yaml
	$(PY) bench/steps.py
	$(PY) bench/throughput.py
	$(PY) bench/startup.py
	$(PY) bench/drawing.py

# The newest versions pyproject.toml allows, from a fresh venv, into constraints.txt (its
# comment header kept). Run `make test` after it and commit both if green.
constraints:
	rm -rf .venv-constraints
	python3 -m venv .venv-constraints
	.venv-constraints/bin/pip install --quiet -e '.[test,bench]'
	{ grep '^#' constraints.txt; .venv-constraints/bin/pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt
	rm -rf .venv-constraints
