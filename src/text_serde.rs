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
                        v.parse().map_err(E::custom)
                    }
                }
                d.deserialize_str(Visitor)
            }
        }
    )*};
}
