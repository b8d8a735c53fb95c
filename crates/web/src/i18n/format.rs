//! Numbers and dates as each language writes them. Spanish takes the decimal comma (`1,5`),
//! which is also what the tracker's number reader accepts back (`myo_tracker::plausible`);
//! form fields keep the point, as HTML number inputs require.

use super::Lang;

/// A measured value rounded to two decimals, with the language's decimal mark and no
/// thousands grouping (so it reads back unambiguously).
pub fn num(lang: Lang, v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    let text = format!("{r}");
    match lang {
        Lang::En => text,
        Lang::Es => text.replace('.', ","),
    }
}

const MONTHS_ES: [&str; 12] = [
    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
];

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A month's short name (1 = January): `Jan`, `ene`.
pub fn month(lang: Lang, m: u32) -> &'static str {
    let i = (m.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::En => MONTHS_EN[i],
        Lang::Es => MONTHS_ES[i],
    }
}

/// A calendar date (`YYYY-MM-DD` in, as stored): English keeps the ISO form, Spanish writes
/// `7 dic 2026`. Text that is not such a date is returned unchanged.
pub fn date(lang: Lang, iso: &str) -> String {
    if lang == Lang::En {
        return iso.to_owned();
    }
    let mut parts = iso.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_owned();
    };
    let (Ok(m), Ok(d)) = (m.parse::<usize>(), d.parse::<u32>()) else {
        return iso.to_owned();
    };
    if y.len() != 4 || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return iso.to_owned();
    }
    format!("{d} {} {y}", MONTHS_ES[m - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_takes_the_decimal_comma_and_reads_back() {
        assert_eq!(num(Lang::Es, 1.5), "1,5");
        assert_eq!(num(Lang::En, 1.5), "1.5");
        assert_eq!(num(Lang::Es, 1850.25), "1850,25");
        let back = myo_tracker::plausible::parse_number(
            "v",
            &num(Lang::Es, 4.75),
            myo_tracker::plausible::NumberStyle::CommaDecimal,
        );
        assert_eq!(back.ok().flatten(), Some(4.75));
    }

    #[test]
    fn dates_in_each_language() {
        assert_eq!(date(Lang::En, "2026-12-07"), "2026-12-07");
        assert_eq!(month(Lang::Es, 9), "sept");
        assert_eq!(month(Lang::En, 9), "Sep");
        assert_eq!(date(Lang::Es, "2026-12-07"), "7 dic 2026");
        assert_eq!(date(Lang::Es, "2026-01-31"), "31 ene 2026");
        assert_eq!(date(Lang::Es, "not a date"), "not a date");
        assert_eq!(date(Lang::Es, "2026-13-01"), "2026-13-01");
    }
}
