catalog show V6.1.3 --asvs 5.0.0
