//! serde for the value types whose text form is their serialized form: written with `Display`,
//! read back with `FromStr`, so JSON and text agree and errors name the bad input.

/// Implements `Serialize` (via `Display`) and `Deserialize` (via `FromStr`, from borrowed or owned
/// strings) for each type, with `$expecting` naming what a string should hold.
macro_rules! serde_as_text {
    ($($t:ty => $expecting:literal),* $(,)?) => {$(
        #[cfg(feature = "serde")]
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $t;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<$t, E> {
                        v.parse().map_err(|e| {
                            E::custom(crate::vocabulary::serde_field::with_expected(&e, $expecting))
                        })
                    }
                }
                d.deserialize_str(Visitor)
            }
        }
    )*};
}

/// Implements `Deserialize` for an enum of unit variants whose `Serialize` is derived (a variant
/// is written as its name, or its index in binary formats): names are read from a string, so a
/// value of the wrong kind gives "invalid type: boolean `true`, expected `$expecting`" (serde_json
/// says only "expected value" to a derived enum) and an unknown name lists the known ones.
/// Formats that are not human-readable read the variant as serde's derive writes it.
macro_rules! serde_unit_enum {
    ($t:ident as $serde_name:literal, $expecting:literal { $($variant:ident = $name:literal),* $(,)? }) => {
        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                const NAMES: &[&str] = &[$($name),*];
                const ALL: &[$t] = &[$($t::$variant),*];

                struct Visitor;

                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = $t;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<$t, E> {
                        NAMES
                            .iter()
                            .position(|n| *n == v)
                            .and_then(|i| ALL.get(i).copied())
                            .ok_or_else(|| E::unknown_variant(v, NAMES))
                    }

                    /// A variant's index, as binary formats write it.
                    fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<$t, E> {
                        usize::try_from(v)
                            .ok()
                            .and_then(|i| ALL.get(i).copied())
                            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
                    }

                    fn visit_enum<A: serde::de::EnumAccess<'de>>(
                        self,
                        data: A,
                    ) -> std::result::Result<$t, A::Error> {
                        use serde::de::VariantAccess as _;
                        let (value, variant) = data.variant_seed(self)?;
                        variant.unit_variant()?;
                        Ok(value)
                    }
                }

                /// The variant's identifier, in `visit_enum`.
                impl<'de> serde::de::DeserializeSeed<'de> for Visitor {
                    type Value = $t;

                    fn deserialize<D: serde::Deserializer<'de>>(
                        self,
                        d: D,
                    ) -> std::result::Result<$t, D::Error> {
                        d.deserialize_identifier(self)
                    }
                }

                if d.is_human_readable() {
                    d.deserialize_str(Visitor)
                } else {
                    d.deserialize_enum($serde_name, NAMES, Visitor)
                }
            }
        }
    };
}
