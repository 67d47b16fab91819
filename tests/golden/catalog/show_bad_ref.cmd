catalog show banana
