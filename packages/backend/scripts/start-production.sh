#!/bin/sh
# Starts the production backend. The one place that says how: the image's CMD
# (packages/backend/Dockerfile) and the CI production test both run this script.
#
# Run it from the directory that holds the unpacked skeleton and bundle of
# `yarn build:backend` plus their node_modules (/app in the image). Extra
# configuration files (tests only) come in PORTAL_EXTRA_CONFIG, space-separated.
set -eu
cd "${PORTAL_APP_DIR:-$(pwd)}"
set -- --config app-config.yaml --config app-config.production.yaml
for extra in ${PORTAL_EXTRA_CONFIG:-}; do
  set -- "$@" --config "$extra"
done
export NODE_ENV=production
# backend.workingDirectory and the TechDocs output of app-config.production.yaml:
# /tmp is an empty, writable volume at every start (read-only root filesystem).
mkdir -p /tmp/backstage/techdocs
# Half of the container's memory limit for the heap: the rest is for native
# memory and the CDK synthesis worker of the environments plugin.
exec node ${NODE_OPTIONS_EXTRA:-} packages/backend "$@"
