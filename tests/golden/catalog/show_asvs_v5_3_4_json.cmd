catalog show V5.3.4 --json
