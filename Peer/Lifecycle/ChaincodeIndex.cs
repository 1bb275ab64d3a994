namespace Fabricish.Peer.Lifecycle;

/// <summary>A CouchDB index definition a package ships (<c>META-INF/statedb/couchdb/indexes/*.json</c>).</summary>
internal sealed record ChaincodeIndex(string Path, string Json);
