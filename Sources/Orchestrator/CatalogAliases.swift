import Catalog

// Catalog and Sandbox both declare `ToolEffect` and `JSONValue`, and `Catalog.X` cannot name a
// module member (the module has a type called `Catalog`): these aliases, in a file importing only
// Catalog, name Catalog's types unambiguously.
typealias CatalogEffect = ToolEffect
typealias CatalogJSON = JSONValue
