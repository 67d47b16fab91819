catalog show CAPEC-99999
