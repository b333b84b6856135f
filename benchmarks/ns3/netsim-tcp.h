// What both ns-3 scenarios share: netsim's TcpConfig expressed in ns-3's attributes, and the socket
// callbacks that do nothing particular.
#ifndef NETSIM_NS3_TCP_H
#define NETSIM_NS3_TCP_H

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"

// netsim's TcpConfig with the given buffers and minimum RTO: MSS 1460 less 12 bytes of timestamps
// = 1448 bytes of payload per segment; RFC 5681's initial window (4380 bytes = 3 segments); an ACK
// for every segment (no delayed ACK); Nagle on; timestamps and window scaling on; no SACK, no
// limited transmit; NewReno with RFC 6582's recovery (not ns-3's default PRR); 1 ms clock
// granularity; MSL 30 s (TIME-WAIT lasts 60 s).
inline void
UseNetsimTcp(uint32_t sendBuffer, uint32_t receiveBuffer, ns3::Time minRto)
{
    using namespace ns3;
    Config::SetDefault("ns3::TcpL4Protocol::SocketType", TypeIdValue(TcpNewReno::GetTypeId()));
    Config::SetDefault("ns3::TcpL4Protocol::RecoveryType",
                       TypeIdValue(TcpClassicRecovery::GetTypeId()));
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    Config::SetDefault("ns3::TcpSocket::InitialCwnd", UintegerValue(3));
    Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(sendBuffer));
    Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(receiveBuffer));
    Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(1));
    Config::SetDefault("ns3::TcpSocket::TcpNoDelay", BooleanValue(false));
    Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(minRto));
    Config::SetDefault("ns3::TcpSocketBase::ClockGranularity", TimeValue(MilliSeconds(1)));
    Config::SetDefault("ns3::TcpSocketBase::Sack", BooleanValue(false));
    Config::SetDefault("ns3::TcpSocketBase::LimitedTransmit", BooleanValue(false));
    Config::SetDefault("ns3::TcpSocketBase::Timestamp", BooleanValue(true));
    Config::SetDefault("ns3::TcpSocketBase::WindowScaling", BooleanValue(true));
    Config::SetDefault("ns3::TcpSocketBase::MaxSegLifetime", DoubleValue(30));
}

inline void
ConnectFailed(ns3::Ptr<ns3::Socket> socket)
{
    NS_FATAL_ERROR("connection failed");
}

inline bool
AcceptAll(ns3::Ptr<ns3::Socket> socket, const ns3::Address& from)
{
    return true;
}

#endif
