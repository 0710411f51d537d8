using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Liaison.Bench;

/// <summary>
/// Counts the SQL commands EF Core executes against one node's database, through EF Core's DiagnosticListener
/// (<c>CommandExecuted</c> and <c>CommandError</c> events). Several nodes share this process, so a command counts only when
/// its connection's data source or database names the node's (the SQLite file path, or the PostgreSQL database).
/// </summary>
internal sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];
    private long _count;

    public SqlCommandCounter(string databaseMarker)
    {
        _database = databaseMarker;
        _subscription = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public long Count => Interlocked.Read(ref _count);

    public void OnNext(DiagnosticListener value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_listeners)
            {
                _listeners.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != RelationalEventId.CommandExecuted.Name && value.Key != RelationalEventId.CommandError.Name)
        {
            return;
        }

        if (value.Value is CommandEndEventData data)
        {
            var connection = data.Command.Connection;
            if (connection is not null && (connection.DataSource.Contains(_database, StringComparison.Ordinal) || connection.Database == _database))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_listeners)
        {
            foreach (var listener in _listeners)
            {
                listener.Dispose();
            }
        }
    }
}
