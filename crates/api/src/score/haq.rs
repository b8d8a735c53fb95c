//! Wire format of `haq-di`.
//!
//! Input: one object per category, e.g. `"walking": {"walk_outdoors": 1, "climb_steps": 2,
//! "aid_or_device": true, "help_from_person": false}`. Items are 0-3 or `null` / absent (not
//! answered); the two aid fields are tick boxes, absent meaning not ticked. An absent category
//! is not answered.

use myo_instruments::haq::{self, CATEGORIES, CategoryInput, Input};
use myo_instruments::{Catalog, Meta};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Entry, Scored, Sink, parse, schema_object, schema_root};
use crate::error::{InputError, ScoreError};

pub(crate) const ENTRY: Entry = Entry {
    id: haq::ID,
    meta,
    schema,
    example,
    check_shape,
    score,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dto {
    dressing_grooming: Option<DressingDto>,
    arising: Option<ArisingDto>,
    eating: Option<EatingDto>,
    walking: Option<WalkingDto>,
    hygiene: Option<HygieneDto>,
    reach: Option<ReachDto>,
    grip: Option<GripDto>,
    activities: Option<ActivitiesDto>,
}

/// Declares one category DTO: its item fields (questionnaire order) plus the two tick boxes.
macro_rules! category_dto {
    ($name:ident { $($item:ident),+ }) => {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $name {
            $($item: Option<i64>,)+
            #[serde(default)]
            aid_or_device: bool,
            #[serde(default)]
            help_from_person: bool,
        }

        impl From<$name> for CategoryInput {
            fn from(d: $name) -> CategoryInput {
                CategoryInput {
                    items: vec![$(d.$item),+],
                    aid_or_device: d.aid_or_device,
                    help_from_person: d.help_from_person,
                }
            }
        }
    };
}

category_dto!(DressingDto {
    dress_self,
    shampoo_hair
});
category_dto!(ArisingDto {
    stand_from_chair,
    in_out_of_bed
});
category_dto!(EatingDto {
    cut_meat,
    lift_cup,
    open_carton
});
category_dto!(WalkingDto {
    walk_outdoors,
    climb_steps
});
category_dto!(HygieneDto {
    wash_dry_body,
    tub_bath,
    toilet
});
category_dto!(ReachDto {
    reach_overhead,
    pick_up_clothing
});
category_dto!(GripDto {
    open_car_doors,
    open_jars,
    turn_taps
});
category_dto!(ActivitiesDto {
    errands_shopping,
    in_out_of_car,
    chores
});

/// An absent category: every item unanswered, no tick box.
fn absent(items: usize) -> CategoryInput {
    CategoryInput {
        items: vec![None; items],
        ..CategoryInput::default()
    }
}

fn category<D: Into<CategoryInput>>(d: Option<D>, items: usize) -> CategoryInput {
    d.map_or_else(|| absent(items), Into::into)
}

fn to_input(catalog: &Catalog, d: Dto) -> Input {
    let n: [usize; CATEGORIES] = std::array::from_fn(|i| catalog.haq.categories[i].items.len());
    Input {
        categories: [
            category(d.dressing_grooming, n[0]),
            category(d.arising, n[1]),
            category(d.eating, n[2]),
            category(d.walking, n[3]),
            category(d.hygiene, n[4]),
            category(d.reach, n[5]),
            category(d.grip, n[6]),
            category(d.activities, n[7]),
        ],
    }
}

/// The typed input from the API JSON (absent categories unanswered).
pub(super) fn parse_input(catalog: &Catalog, v: &Value) -> Result<Input, InputError> {
    Ok(to_input(catalog, parse::<Dto>(v)?))
}

fn meta(c: &Catalog) -> &Meta {
    &c.haq.meta
}

fn check_shape(v: &Value) -> Result<(), InputError> {
    parse::<Dto>(v).map(drop)
}

/// The result fields of `haq-di`.
#[derive(Serialize)]
struct Out<'a> {
    haq_di: Option<f64>,
    computable: bool,
    sum: i64,
    answered_categories: usize,
    min_answered_categories: usize,
    categories: Vec<CategoryOut<'a>>,
}

#[derive(Serialize)]
struct CategoryOut<'a> {
    category: &'a str,
    score: Option<i64>,
    highest_item: Option<i64>,
    aid_or_device: bool,
    help_from_person: bool,
    raised_by_aids: bool,
}

fn score(catalog: &Catalog, v: &Value, sink: Sink<'_>) -> Result<(), ScoreError> {
    let def = &catalog.haq;
    let input = to_input(catalog, parse::<Dto>(v)?);
    let o = haq::score(def, &input)?;
    let categories = def
        .categories
        .iter()
        .zip(&o.categories)
        .zip(&input.categories)
        .map(|((c, s), i)| CategoryOut {
            category: &c.id,
            score: s.map(|s| s.score),
            highest_item: s.map(|s| s.highest_item),
            aid_or_device: i.aid_or_device,
            help_from_person: i.help_from_person,
            raised_by_aids: s.is_some_and(|s| s.raised_by_aids),
        })
        .collect();
    let out = Out {
        haq_di: o.haq_di_thousandths.map(|t| t as f64 / 1000.0),
        computable: o.haq_di_thousandths.is_some(),
        sum: o.sum,
        answered_categories: o.answered,
        min_answered_categories: def.min_answered_categories,
        categories,
    };
    sink.write(&Scored::new(&o.explanation, out))
}

fn example() -> Value {
    json!({
        "dressing_grooming": {"dress_self": 1, "shampoo_hair": 0, "aid_or_device": false, "help_from_person": false},
        "arising": {"stand_from_chair": 2, "in_out_of_bed": 1, "aid_or_device": false, "help_from_person": false},
        "eating": {"cut_meat": 0, "lift_cup": 0, "open_carton": 1, "aid_or_device": false, "help_from_person": false},
        "walking": {"walk_outdoors": 1, "climb_steps": 1, "aid_or_device": true, "help_from_person": false},
        "hygiene": {"wash_dry_body": 0, "tub_bath": 1, "toilet": 0, "aid_or_device": false, "help_from_person": false},
        "reach": {"reach_overhead": 1, "pick_up_clothing": null, "aid_or_device": false, "help_from_person": false},
        "grip": {"open_car_doors": 0, "open_jars": 1, "turn_taps": 0, "aid_or_device": false, "help_from_person": false},
        "activities": {"errands_shopping": 1, "in_out_of_car": 1, "chores": 2, "aid_or_device": false, "help_from_person": true}
    })
}

fn schema(catalog: &Catalog) -> Value {
    let def = &catalog.haq;
    let mut props = serde_json::Map::new();
    for c in &def.categories {
        let mut items = serde_json::Map::new();
        for item in &c.items {
            let description = format!(
                "{}: 0 no difficulty, 1 some, 2 much, 3 unable; null if not answered",
                item.label
            );
            items.insert(item.id.clone(), json!({"type": ["integer", "null"], "minimum": 0, "maximum": def.item_max, "description": description}));
        }
        let floor = def.aids_floor;
        items.insert("aid_or_device".into(), json!({"type": "boolean", "description": format!("An aid or device is used ({}); raises the category to at least {floor}. Absent: not ticked.", c.aids)}));
        items.insert("help_from_person".into(), json!({"type": "boolean", "description": format!("Help from another person is needed; raises the category to at least {floor}. Absent: not ticked.")}));
        props.insert(
            c.id.clone(),
            schema_object(
                Value::Object(items),
                &[],
                true,
                &format!("{}; absent or null: category not answered", c.label),
            ),
        );
    }
    let description = format!(
        "HAQ-DI questionnaire; HAQ-DI needs at least {} of {CATEGORIES} categories answered.",
        def.min_answered_categories
    );
    let body = schema_object(Value::Object(props), &[], false, &description);
    schema_root(haq::ID, "HAQ-DI input", body, example())
}
