#!/bin/sh
# As the official image: `redis-server [options]` without a configuration file listens on every
# interface of the container with protected mode off.
set -e
if [ "$1" = "redis-server" ]; then
    shift
    case "$1" in
        /*.conf) exec redis-server "$@" ;;
        *) exec redis-server --bind '*' '-::*' --protected-mode no "$@" ;;
    esac
fi
exec "$@"
