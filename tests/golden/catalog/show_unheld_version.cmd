catalog show V5.3.4 --asvs 9.9
