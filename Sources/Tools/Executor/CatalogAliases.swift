public import Catalog

// Catalog and Sandbox both declare `JSONValue` and `ToolEffect`, and the module `Catalog` has a type
// `Catalog`, so `Catalog.JSONValue` does not name the module's type. These aliases are declared in a
// file that imports Catalog alone, so files importing both modules can name Catalog's types.

/// The catalog's JSON value (`Catalog.JSONValue`).
public typealias CatalogJSON = JSONValue
/// The catalog's tool effect (`Catalog.ToolEffect`).
public typealias CatalogToolEffect = ToolEffect
