catalog search "AND OR NOT ( * \"" --limit 3
