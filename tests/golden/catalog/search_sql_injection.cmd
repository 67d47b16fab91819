catalog search "sql injection" --limit 10
