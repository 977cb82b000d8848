-- error: USER is a reserved keyword; quote it as `user` to use it as a column name
-- at: 4:3
CREATE TABLE logins (
  user STRING,
  login_time TIMESTAMP(3)
) WITH ('connector' = 'datagen');
