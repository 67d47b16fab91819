catalog show CAPEC-66
