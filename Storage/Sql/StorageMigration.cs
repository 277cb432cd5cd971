namespace Contact.Storage;

/// <summary>
/// One step of one module's schema. Steps of a module apply in version order, once, each in
/// its own transaction together with the new version number.
/// </summary>
/// <param name="PostgresSql">The PostgreSQL text when it differs from <paramref name="Sql"/>.</param>
public sealed record StorageMigration(string Module, int Version, string Sql, string? PostgresSql = null);
