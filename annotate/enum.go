package annotate

import (
	"reflect"
	"slices"
)

// enumValues maps each enumeration type to its defined values in schema
// order. It is filled by register during package initialisation and read
// only afterwards.
var enumValues = map[reflect.Type][]string{}

// register records vs as the defined values of their type and returns them.
func register[E ~string](vs ...E) []E {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	enumValues[reflect.TypeFor[E]()] = s
	return vs
}

// Values returns the defined values of the enumeration type E in schema
// order, for example Values[Patency](). It returns nil for a type that is
// not an enumeration of this package. The caller owns the returned slice.
func Values[E ~string]() []E {
	s, ok := enumValues[reflect.TypeFor[E]()]
	if !ok {
		return nil
	}
	vs := make([]E, len(s))
	for i, v := range s {
		vs[i] = E(v)
	}
	return vs
}

// isValid reports whether v is one of the defined values in vs.
func isValid[E ~string](v E, vs []E) bool { return slices.Contains(vs, v) }
