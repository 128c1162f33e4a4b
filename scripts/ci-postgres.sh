#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages (if missing), starts its cluster and makes the role the tests use
# (a superuser-free role that may create databases: the test helper makes one database per test file and drops
# it after). Idempotent; run as root or with sudo. Prints the URL to export as PARTNERDECK_TEST_DATABASE_URL.
set -euo pipefail
SUDO=""; AS_POSTGRES="runuser -u postgres --"
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; AS_POSTGRES="sudo -u postgres"; fi
export DEBIAN_FRONTEND=noninteractive
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
# A fresh machine may have the package but no cluster (or a stopped one).
if ! pg_lsclusters -h 2>/dev/null | grep -q "^${version} main"; then $SUDO pg_createcluster "$version" main >/dev/null; fi
pg_lsclusters -h | grep -q "^${version} main .* online" || $SUDO pg_ctlcluster "$version" main start
for _ in $(seq 1 30); do
  $AS_POSTGRES psql -qAtc 'SELECT 1' >/dev/null 2>&1 && break
  sleep 1
done
role=partnerdeck_test
password=partnerdeck_test
$AS_POSTGRES psql -v ON_ERROR_STOP=1 -qAt <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN
    CREATE ROLE ${role} LOGIN CREATEDB PASSWORD '${password}';
  END IF;
END \$\$;
SQL
echo "postgres://${role}:${password}@127.0.0.1:5432/postgres"
