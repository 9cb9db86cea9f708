//! The one place the service reads the clock for a calendar date: today, in Japan (the domain
//! layer stays pure and takes the date as an argument).

use chrono::{NaiveDate, Utc};

use crate::domain::calendar::japan_date;

pub fn today_in_japan() -> NaiveDate {
    japan_date(Utc::now())
}
