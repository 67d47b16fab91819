catalog search "cross site scripting" --kind capec --limit 5 --json
