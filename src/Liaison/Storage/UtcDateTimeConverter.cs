using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Liaison.Storage;

/// <summary>
/// Refuses local times on the way in and marks values as UTC on the way out, so a timestamp means
/// the same instant on SQLite (which keeps no kind) and on PostgreSQL (<c>timestamp with time zone</c>).
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => ToStorage(v),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
{
    internal static DateTime ToStorage(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => throw new InvalidOperationException("Local DateTime values must not be stored; use UTC from TimeProvider."),
    };
}

/// <inheritdoc cref="UtcDateTimeConverter"/>
public sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
    v => v.HasValue ? UtcDateTimeConverter.ToStorage(v.Value) : v,
    v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
