DROP TABLE published_statistics;
