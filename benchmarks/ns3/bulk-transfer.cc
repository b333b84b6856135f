// The ns-3 side of netsim's TcpBulkTransferBenchmark: one bulk transfer of MEGABYTES MB (default
// 100) from a client to a server over client - router - server, 100 Mbit/s and 10 ms per hop,
// random packet loss LOSS (default 0.01) on client -> router only, NewReno without SACK, 4 MiB
// send and receive buffers, a minimum RTO of 200 ms. The applications do what the benchmark's
// handlers do: the client writes 64 KiB chunks whenever the socket takes them and closes after the
// last byte; the server counts the bytes and closes when the client's FIN arrives. The run goes on
// until no event is left (through the client's TIME-WAIT), as netsim's sim.run() does.
//
// Prints one line: the events ns-3 executed, the simulated end, the bytes delivered, the events and
// simulated time at the last byte's delivery (the transfer's own duration), and the wall time of
// Simulator::Run. Where the two models cannot be made equal, see README.md in this directory.
//
// Usage: bulk-transfer [MEGABYTES [LOSS]]

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#include "netsim-tcp.h"

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>

using namespace ns3;

namespace
{

const uint32_t CHUNK = 64 * 1024;
uint64_t g_total;
uint64_t g_written;
uint64_t g_delivered;
uint64_t g_transferEvents;
int64_t g_transferNanos;

// The client: writes while the socket takes data, then closes (FIN after the buffered data).
void
Write(Ptr<Socket> socket)
{
    while (g_written < g_total)
    {
        uint32_t room = socket->GetTxAvailable();
        uint64_t left = g_total - g_written;
        uint32_t size = static_cast<uint32_t>(std::min<uint64_t>({CHUNK, left, room}));
        if (size == 0 || socket->Send(Create<Packet>(size)) < 0)
        {
            return; // the send callback calls again when space frees
        }
        g_written += size;
    }
    socket->Close();
}

void
Connected(Ptr<Socket> socket)
{
    Write(socket);
}

void
Writable(Ptr<Socket> socket, uint32_t available)
{
    Write(socket);
}

// The server: reads everything, notes when the last byte arrives, closes on the peer's FIN.
void
Readable(Ptr<Socket> socket)
{
    Ptr<Packet> packet;
    while ((packet = socket->Recv()) && packet->GetSize() > 0)
    {
        g_delivered += packet->GetSize();
        if (g_delivered == g_total)
        {
            g_transferNanos = Simulator::Now().GetNanoSeconds();
            g_transferEvents = Simulator::GetEventCount();
        }
    }
}

void
PeerClosed(Ptr<Socket> socket)
{
    socket->Close();
}

void
Ignore(Ptr<Socket> socket)
{
}

void
Accepted(Ptr<Socket> socket, const Address& from)
{
    socket->SetRecvCallback(MakeCallback(&Readable));
    socket->SetCloseCallbacks(MakeCallback(&PeerClosed), MakeCallback(&Ignore));
}

} // namespace

int
main(int argc, char* argv[])
{
    int megabytes = argc > 1 ? std::atoi(argv[1]) : 100;
    double loss = argc > 2 ? std::atof(argv[2]) : 0.01;
    g_total = static_cast<uint64_t>(megabytes) * 1000000;

    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);

    // TcpBulkTransferBenchmark's TcpConfig: 4 MiB buffers, a minimum RTO of 200 ms.
    UseNetsimTcp(1 << 22, 1 << 22, MilliSeconds(200));

    NodeContainer nodes;
    nodes.Create(3);
    Ptr<Node> client = nodes.Get(0);
    Ptr<Node> router = nodes.Get(1);
    Ptr<Node> server = nodes.Get(2);

    // netsim's links: no MTU limit beyond the 1500-byte packets TCP makes, a drop-tail queue of
    // 1000 packets in front of each transmitter and no other queue (so no traffic-control layer).
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("10ms"));
    p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue("1000p"));
    NetDeviceContainer clientLink = p2p.Install(client, router);
    NetDeviceContainer serverLink = p2p.Install(router, server);

    InternetStackHelper internet;
    internet.Install(nodes);
    Ipv4AddressHelper addresses;
    addresses.SetBase("10.0.1.0", "255.255.255.0");
    addresses.Assign(clientLink);
    addresses.SetBase("10.0.2.0", "255.255.255.0");
    Ipv4InterfaceContainer serverAddresses = addresses.Assign(serverLink);
    TrafficControlHelper tc;
    tc.Uninstall(clientLink);
    tc.Uninstall(serverLink);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    // Loss on client -> router only: the router's end of the client link drops on reception.
    Ptr<RateErrorModel> lossModel = CreateObject<RateErrorModel>();
    lossModel->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
    lossModel->SetRate(loss);
    clientLink.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(lossModel));

    const uint16_t port = 80;
    Ptr<Socket> listener = Socket::CreateSocket(server, TcpSocketFactory::GetTypeId());
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    listener->Listen();
    listener->SetAcceptCallback(MakeCallback(&AcceptAll), MakeCallback(&Accepted));

    Ptr<Socket> socket = Socket::CreateSocket(client, TcpSocketFactory::GetTypeId());
    socket->Bind();
    socket->SetConnectCallback(MakeCallback(&Connected), MakeCallback(&ConnectFailed));
    socket->SetSendCallback(MakeCallback(&Writable));
    socket->Connect(InetSocketAddress(serverAddresses.GetAddress(1), port));

    auto start = std::chrono::steady_clock::now();
    Simulator::Run();
    double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    uint64_t events = Simulator::GetEventCount();
    int64_t end = Simulator::Now().GetNanoSeconds();
    Simulator::Destroy();

    if (g_delivered != g_total)
    {
        std::fprintf(stderr, "delivered %" PRIu64 " of %" PRIu64 " bytes\n", g_delivered, g_total);
        return 1;
    }
    std::printf("ns3 megabytes=%d loss=%g events=%" PRIu64 " simulated=%.6fs delivered=%" PRIu64
                " transfer-events=%" PRIu64 " transfer-duration=%.6fs run-wall=%.3fs\n",
                megabytes,
                loss,
                events,
                end / 1e9,
                g_delivered,
                g_transferEvents,
                g_transferNanos / 1e9,
                wall);
    return 0;
}
