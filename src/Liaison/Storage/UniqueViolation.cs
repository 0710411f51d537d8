using Microsoft.EntityFrameworkCore;

namespace Liaison.Storage;

/// <summary>
/// Recognises a save refused by a unique index — two writers raced for the same slot (the next version number of a
/// record, say) and the other committed first — on either database: SQLite's SQLITE_CONSTRAINT_UNIQUE (extended code
/// 2067) and PostgreSQL's unique_violation (SQLSTATE 23505).
/// </summary>
public static class UniqueViolation
{
    public static bool Is(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 2067,
            Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
            _ => false,
        };
    }
}
