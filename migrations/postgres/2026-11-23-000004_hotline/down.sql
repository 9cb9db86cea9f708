DROP TABLE mediation_steps;
DROP TABLE mediations;
DROP TABLE consultation_category_links;
DROP TABLE consultations;
DROP TABLE consultation_categories;
