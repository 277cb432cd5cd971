namespace Contact.Storage;

/// <summary>
/// A grain with a journal. The storage provider finds the journal through it: it reads the
/// journal's head with the grain's state, and writes the entries staged since the last write in
/// the same transaction as the state. A grain with a journal has a <c>[PersistentState]</c> in the
/// <see cref="ContactGrainStorage"/> provider.
/// </summary>
public interface IJournaledGrain
{
    IGrainJournal Journal { get; }
}
