// Package enum keeps the defined values of the report's enumerations
// (string types such as a tube's patency or a mark's graphic type), so
// that each type can say whether a value is one it defines and pickers
// can list them in the schema's order.
package enum

import (
	"reflect"
	"slices"
)

// values maps each enumeration type to its defined values in schema
// order. It is filled by Register during package initialisation and read
// only afterwards.
var values = map[reflect.Type][]string{}

// Register records vs as the defined values of their type and returns
// them. Call it from a package-level variable initialiser.
func Register[E ~string](vs ...E) []E {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	values[reflect.TypeFor[E]()] = s
	return vs
}

// Values returns the defined values of the enumeration type E in schema
// order, for example Values[report.Patency](). It returns nil for a type
// that was not registered. The caller owns the returned slice.
func Values[E ~string]() []E {
	s := values[reflect.TypeFor[E]()]
	if s == nil {
		return nil
	}
	vs := make([]E, len(s))
	for i, v := range s {
		vs[i] = E(v)
	}
	return vs
}

// Strings is [Values] as plain strings.
func Strings[E ~string]() []string { return slices.Clone(values[reflect.TypeFor[E]()]) }

// Types returns the registered enumeration types, in no particular order.
func Types() []reflect.Type {
	ts := make([]reflect.Type, 0, len(values))
	for t := range values {
		ts = append(ts, t)
	}
	return ts
}

// StringsOf returns the defined values of the registered type t, or nil.
func StringsOf(t reflect.Type) []string { return slices.Clone(values[t]) }

// IsValid reports whether v is one of the defined values in vs.
func IsValid[E ~string](v E, vs []E) bool { return slices.Contains(vs, v) }
