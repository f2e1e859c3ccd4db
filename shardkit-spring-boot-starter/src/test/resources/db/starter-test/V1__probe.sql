CREATE TABLE starter_probe (id int PRIMARY KEY);
INSERT INTO starter_probe VALUES (1);
