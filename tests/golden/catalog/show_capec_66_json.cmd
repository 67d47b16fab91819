catalog show CAPEC-66 --json
