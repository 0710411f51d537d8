using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Liaison.Trials;

/// <summary>What the proxy did, for the report.</summary>
public sealed class FaultCounts
{
    private long _forwarded, _dropped, _responsesCut, _delayed, _duplicated, _reordered, _refused, _cuts;

    public long Forwarded => Interlocked.Read(ref _forwarded);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long ResponsesCut => Interlocked.Read(ref _responsesCut);

    public long Delayed => Interlocked.Read(ref _delayed);

    public long Duplicated => Interlocked.Read(ref _duplicated);

    public long Reordered => Interlocked.Read(ref _reordered);

    public long RefusedWhileCut => Interlocked.Read(ref _refused);

    public long Cuts => Interlocked.Read(ref _cuts);

    internal void Count(Fault fault)
    {
        switch (fault)
        {
            case Fault.None: Interlocked.Increment(ref _forwarded); break;
            case Fault.Drop: Interlocked.Increment(ref _dropped); break;
            case Fault.CutResponse: Interlocked.Increment(ref _responsesCut); break;
            case Fault.Delay: Interlocked.Increment(ref _delayed); break;
            case Fault.Duplicate: Interlocked.Increment(ref _duplicated); break;
            case Fault.Reorder: Interlocked.Increment(ref _reordered); break;
        }
    }

    internal void Refused() => Interlocked.Increment(ref _refused);

    internal void Cut() => Interlocked.Increment(ref _cuts);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"forwarded {Forwarded}, dropped {Dropped}, responses cut {ResponsesCut}, delayed {Delayed}, duplicated {Duplicated}, reordered {Reordered}, link cuts {Cuts} ({RefusedWhileCut} connections refused)");
}

internal enum Fault
{
    None,

    /// <summary>The request never reaches the node; the connection is reset.</summary>
    Drop,

    /// <summary>The node gets the request and acts on it; the answer is lost with the connection.</summary>
    CutResponse,

    /// <summary>The request waits up to 1.5 s before it goes on.</summary>
    Delay,

    /// <summary>The request goes on, and a byte-for-byte copy follows on a new connection.</summary>
    Duplicate,

    /// <summary>The request is held back (the sender sees its connection drop) and delivered 0.5–4 s later, after newer ones.</summary>
    Reorder,
}

/// <summary>
/// A loopback proxy between a node and its partner. It reads HTTP/1.1 requests off each connection (the nodes talk
/// plain http on loopback, so the signed bytes pass through untouched and RFC 9421 signatures stay valid) and, while
/// <see cref="Faulty"/>, drops, delays, duplicates or reorders each one; <see cref="Cut"/> severs the link (every
/// open connection reset, new ones refused) until <see cref="Restore"/>. Answers are copied back byte for byte.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly Fault[] Opening = [Fault.Drop, Fault.CutResponse, Fault.Delay, Fault.Duplicate, Fault.Reorder];
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly Random _random;
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _turns;
    private volatile bool _cut;

    public FaultProxy(int targetPort, int seed)
    {
        _target = new IPEndPoint(IPAddress.Loopback, targetPort);
        _random = new Random(seed);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public bool Faulty { get; set; }

    public FaultCounts Counts { get; } = new();

    public void Cut()
    {
        _cut = true;
        Counts.Cut();
        foreach (var connection in _open.Keys)
        {
            Abort(connection);
        }
    }

    public void Restore() => _cut = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var connection in _open.Keys)
        {
            Abort(connection);
        }

        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (_cut)
            {
                Counts.Refused();
                Abort(client);
                continue;
            }

            _ = ServeAsync(client);
        }
    }

    private Fault Choose()
    {
        if (!Faulty)
        {
            return Fault.None;
        }

        // The first faulty requests meet each fault once, in turn, so even the shortest run has every kind; then at random.
        var turn = Interlocked.Increment(ref _turns);
        if (turn <= Opening.Length)
        {
            return Opening[turn - 1];
        }

        double roll;
        lock (_random)
        {
            roll = _random.NextDouble();
        }

        return roll switch
        {
            < 0.06 => Fault.Drop,
            < 0.12 => Fault.CutResponse,
            < 0.22 => Fault.Delay,
            < 0.28 => Fault.Duplicate,
            < 0.33 => Fault.Reorder,
            _ => Fault.None,
        };
    }

    private int Next(int min, int max)
    {
        lock (_random)
        {
            return _random.Next(min, max);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        TcpClient? upstream = null;
        _open[client] = 0;
        try
        {
            upstream = new TcpClient { NoDelay = true };
            await upstream.ConnectAsync(_target, _stop.Token);
            _open[upstream] = 0;
            var fromClient = client.GetStream();
            var toNode = upstream.GetStream();
            var answers = PumpAsync(toNode, fromClient);
            while (await ReadRequestAsync(fromClient, _stop.Token) is { } request)
            {
                var fault = Choose();
                Counts.Count(fault);
                switch (fault)
                {
                    case Fault.Drop:
                        return;
                    case Fault.Reorder:
                        _ = LaterAsync(request, TimeSpan.FromMilliseconds(Next(500, 4000)));
                        return;
                    case Fault.Delay:
                        await Task.Delay(Next(50, 1500), _stop.Token);
                        break;
                    case Fault.Duplicate:
                        _ = LaterAsync(request, TimeSpan.FromMilliseconds(Next(0, 300)));
                        break;
                }

                if (_cut)
                {
                    return;
                }

                await toNode.WriteAsync(request, _stop.Token);
                if (fault == Fault.CutResponse)
                {
                    // Long enough for the node to act, not to answer in full.
                    await Task.Delay(Next(0, 400), _stop.Token);
                    return;
                }
            }

            // The sender finished; let the last answer through.
            await answers.WaitAsync(TimeSpan.FromSeconds(30), _stop.Token);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or TimeoutException or InvalidDataException)
        {
            // A cut, a kill, or the end of the run.
        }
        finally
        {
            Abort(client);
            if (upstream is not null)
            {
                Abort(upstream);
            }
        }
    }

    /// <summary>Sends a captured request again on a connection of its own; the answer goes nowhere.</summary>
    private async Task LaterAsync(byte[] request, TimeSpan after)
    {
        try
        {
            await Task.Delay(after, _stop.Token);
            if (_cut)
            {
                return;
            }

            using var extra = new TcpClient { NoDelay = true };
            await extra.ConnectAsync(_target, _stop.Token);
            var stream = extra.GetStream();
            await stream.WriteAsync(request, _stop.Token);
            var sink = new byte[8192];
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            bound.CancelAfter(TimeSpan.FromSeconds(10));
            // Read until the node has answered (it keeps the connection open; the first bytes are enough).
            _ = await stream.ReadAsync(sink, bound.Token);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16384];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>One whole HTTP/1.1 request (head and Content-Length body) as its bytes; null at the end of the stream.</summary>
    internal static async Task<byte[]?> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>(1024);
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return head.Count == 0 ? null : throw new InvalidDataException("connection closed inside a request head");
            }

            head.Add(one[0]);
            var n = head.Count;
            if (n >= 4 && head[n - 4] == '\r' && head[n - 3] == '\n' && head[n - 2] == '\r' && head[n - 1] == '\n')
            {
                break;
            }

            if (n > 64 * 1024)
            {
                throw new InvalidDataException("request head over 64 KiB");
            }
        }

        var text = Encoding.ASCII.GetString([.. head]);
        var length = 0;
        foreach (var line in text.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException("chunked requests are not proxied");
            }
        }

        var request = new byte[head.Count + length];
        head.CopyTo(request);
        await stream.ReadExactlyAsync(request.AsMemory(head.Count, length), cancellationToken);
        return request;
    }

    private void Abort(TcpClient connection)
    {
        _open.TryRemove(connection, out _);
        try
        {
            // Linger 0: a reset, as a cut cable or a dead process leaves.
            if (connection.Client is { } socket)
            {
                socket.LingerState = new LingerOption(true, 0);
            }

            connection.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or NullReferenceException)
        {
        }
    }
}
